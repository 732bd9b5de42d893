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
    serializers: { err: serializeError },
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

/**
 * drizzle's "Failed query" errors carry the query's bound values in their message and stack
 * (`params: a@example.com,…,$argon2id$…`): a password hash, an API key's hash or a user's text
 * would reach the log with any failed insert. The SQL stays (it says what failed); the values go.
 */
const queryParams = /\nparams: [^\n]*/g;
function serializeError(error: Error) {
  const serialized = pino.stdSerializers.err(error) as ReturnType<typeof pino.stdSerializers.err> & { cause?: unknown };
  for (const key of ["message", "stack"] as const) {
    if (typeof serialized?.[key] === "string") serialized[key] = serialized[key].replace(queryParams, "\nparams: [redacted]");
  }
  return serialized;
}

const globalForLog = globalThis as unknown as { insightLogger?: pino.Logger };
export const log: pino.Logger = (globalForLog.insightLogger ??= createLogger());
