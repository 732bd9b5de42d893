import { bigint, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { apiKeys, users } from "./accounts";

/**
 * Rate-limit counters, one row per subject and window kind, updated atomically
 * (`insert … on conflict do update … returning`) so every instance on one PostgreSQL shares them.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    /** e.g. `key:<uuid>`, `user:<uuid>`, `ip:<address>`. */
    subject: text("subject").notNull(),
    /** The policy's name, e.g. `minute` or `day`. */
    policy: text("policy").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (table) => [primaryKey({ columns: [table.subject, table.policy] }), index("rate_limit_window_idx").on(table.windowStart)],
);

/** One row per API call, written after the response; rolled up into `api_usage_hourly` and deleted. */
export const apiUsage = pgTable(
  "api_usage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    keyId: uuid("key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    route: text("route").notNull(),
    /** Model ids (and variants) the call ran, comma-separated; null when it ran none. */
    models: text("models"),
    status: integer("status").notNull(),
    latencyMs: real("latency_ms").notNull(),
    bytesIn: integer("bytes_in").notNull(),
    bytesOut: integer("bytes_out").notNull(),
  },
  (table) => [index("api_usage_at_idx").on(table.at), index("api_usage_user_idx").on(table.userId, table.at)],
);
export type ApiUsageRow = typeof apiUsage.$inferSelect;

/**
 * Hourly roll-ups of `api_usage`: counts, error counts, byte totals and a latency histogram
 * (lib/usage/latency-histogram.ts) from which p50/p95 are read after merging hours.
 */
export const apiUsageHourly = pgTable(
  "api_usage_hourly",
  {
    /** `<hour ISO>|<user or ->|<key or ->|<route>|<status>`: one row per group. */
    bucket: text("bucket").primaryKey(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    keyId: uuid("key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    route: text("route").notNull(),
    status: integer("status").notNull(),
    requests: integer("requests").notNull(),
    latencyMsSum: real("latency_ms_sum").notNull(),
    latencyHistogram: jsonb("latency_histogram").$type<number[]>().notNull(),
    bytesIn: bigint("bytes_in", { mode: "number" }).notNull(),
    bytesOut: bigint("bytes_out", { mode: "number" }).notNull(),
  },
  (table) => [index("api_usage_hourly_hour_idx").on(table.hour), index("api_usage_hourly_user_idx").on(table.userId, table.hour)],
);
export type ApiUsageHourlyRow = typeof apiUsageHourly.$inferSelect;
