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
 * drizzle's "Failed query" errors carry the query's bound values three ways: in their message and stack
 * (`params: a@example.com,…,$argon2id$…`), as own `params` and `query` members (which pino's error serializer
 * copies, like every enumerable member), and in the driver's error under `cause` (PostgreSQL's `detail`:
 * `Key (email)=(a@example.com) already exists`). A password hash, an API key's hash or a user's text would
 * reach the log with any failed insert. What failed stays (the message's SQL, the driver's code and
 * constraint); the values go, at every level of `cause`.
 */
const queryParams = /\nparams: [^\n]*/g;
const VALUE_MEMBERS = ["params", "query", "parameters", "detail", "where", "internalQuery"] as const;
export function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrubbed(serialized, 0);
}

function scrubbed(serialized: Record<string, unknown>, depth: number): Record<string, unknown> {
  if (!serialized || typeof serialized !== "object" || depth > 5) return serialized;
  for (const key of ["message", "stack"] as const) {
    if (typeof serialized[key] === "string") serialized[key] = (serialized[key] as string).replace(queryParams, "\nparams: [redacted]");
  }
  for (const key of VALUE_MEMBERS) if (key in serialized) serialized[key] = "[redacted]";
  if (serialized.cause && typeof serialized.cause === "object") {
    const cause = serialized.cause instanceof Error ? pino.stdSerializers.err(serialized.cause) : { ...(serialized.cause as object) };
    serialized.cause = scrubbed(cause as unknown as Record<string, unknown>, depth + 1);
  }
  return serialized;
}

const globalForLog = globalThis as unknown as { insightLogger?: pino.Logger };
export const log: pino.Logger = (globalForLog.insightLogger ??= createLogger());
