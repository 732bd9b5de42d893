import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bytea } from "./columns";

/**
 * Every background task is a job: a batch, a benchmark run, a variant's production, a red-team
 * campaign. The queue (pg-boss, schema `pgboss`) decides who works on what and when; this row is what
 * users see: one lifecycle (queued, running, done, failed, cancelled) and one progress measure.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for the instance's own jobs (start-up lab, maintenance). */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    /** "batch" | "benchmark" | "variant" | "red-team" | "safety-benchmark". */
    kind: text("kind").notNull(),
    /** "queued" | "running" | "done" | "failed" | "cancelled" (lib/jobs/job-status.ts). */
    status: text("status").notNull(),
    title: text("title").notNull(),
    total: integer("total").notNull().default(1),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    cancelled: integer("cancelled").notNull().default(0),
    params: jsonb("params").notNull(),
    summary: jsonb("summary"),
    error: text("error"),
    callbackUrl: text("callback_url"),
    webhookPerItem: boolean("webhook_per_item").notNull().default(false),
    /** The pg-boss job that runs a single-runner job (so an interrupted one can be failed or retried in the queue too). */
    queueJobId: text("queue_job_id"),
    /** Written every few seconds by whoever runs a single-runner job, so an interrupted one is noticed. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("jobs_owner_idx").on(table.ownerId, table.createdAt), index("jobs_kind_status_idx").on(table.kind, table.status)],
);
export type JobRow = typeof jobs.$inferSelect;

/** One unit of a batch: its input (the upload itself in `inputBytes`), state, and the answer or the problem. */
export const jobItems = pgTable(
  "job_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** "image-text" | "document" | "multilingual" | "safety". */
    task: text("task").notNull(),
    input: jsonb("input").notNull(),
    inputBytes: bytea("input_bytes"),
    status: text("status").notNull(),
    result: jsonb("result"),
    /** A problem document (RFC 9457 fields) when the item failed. */
    error: jsonb("error"),
    attempts: integer("attempts").notNull().default(0),
    /** Which process took it last (`host:pid`), to see the work spread over workers. */
    worker: text("worker"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("job_items_position_idx").on(table.jobId, table.position), index("job_items_status_idx").on(table.jobId, table.status)],
);
export type JobItemRow = typeof jobItems.$inferSelect;

/** Each account's webhook signing secret (Standard Webhooks `whsec_…`), encrypted with a key derived from the instance secret. */
export const webhookSecrets = pgTable("webhook_secrets", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text("secret_ciphertext").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  rotatedAt: timestamp("rotated_at", { withTimezone: true }),
});

/** One message to a callback URL; its id is the `webhook-id` of every attempt. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    /** "pending" | "delivered" | "failed". */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (table) => [index("webhook_deliveries_job_idx").on(table.jobId, table.createdAt)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Every attempt at a delivery: when, the HTTP status (or the error), how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (table) => [index("webhook_attempts_delivery_idx").on(table.deliveryId, table.attempt)],
);
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
