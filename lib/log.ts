import "server-only";
import pino from "pino";
import { getEnv } from "./env";

/**
 * Structured JSON logs on stdout, one object a line. No transports (they start worker threads
 * that do not survive bundling); pretty-printing is a job for the reader (`| npx pino-pretty`).
 */
function createLogger() {
  let level = "info";
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    // A bad configuration is reported by start-up itself; the logger must still work to say so.
  }
  return pino({
    level,
    base: { service: "insight-engine" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets never reach the log even when an object carrying them is logged whole.
    redact: {
      paths: [
        "authorization",
        "*.authorization",
        "headers.authorization",
        "headers.cookie",
        "apiKey",
        "*.apiKey",
        "secret",
        "*.secret",
        "password",
        "*.password",
      ],
      censor: "[redacted]",
    },
  });
}

const globalForLog = globalThis as unknown as { insightLogger?: pino.Logger };
export const log: pino.Logger = (globalForLog.insightLogger ??= createLogger());
