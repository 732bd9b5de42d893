import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";

/** Instance settings, produced model variants, benchmark runs and stored evaluation reports. */

/** Instance-wide settings and facts (e.g. when the last start-up benchmark ran). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type AppSetting = typeof appSettings.$inferSelect;

/**
 * Model variants produced at run time by the optimisation toolkit (int8, pruned), registered in the
 * model store beside the manifest's models. The file lives in the database and, once used, in each
 * instance's MODEL_CACHE_DIR/variants.
 */
export const modelVariants = pgTable("model_variants", {
  id: text("id").primaryKey(),
  family: text("family").notNull(),
  parentId: text("parent_id").notNull(),
  variant: text("variant").notNull(),
  recipe: jsonb("recipe").notNull(),
  fileName: text("file_name").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sha256: text("sha256").notNull(),
  /** How closely the variant agrees with its parent on real inputs, and the tolerance it was held to. */
  agreement: jsonb("agreement"),
  /**
   * The .onnx file itself, so a variant produced by any worker can be served by every instance (each
   * writes it into its own model cache, checked against `sha256`). Null for rows from before.
   */
  fileBytes: bytea("file_bytes"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type ModelVariantRow = typeof modelVariants.$inferSelect;

/** One benchmark run over a set of model variants on this machine. */
export const benchmarkRuns = pgTable("benchmark_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  trigger: text("trigger").notNull(),
  status: text("status").notNull(),
  machine: jsonb("machine").notNull(),
  config: jsonb("config").notNull(),
  error: text("error"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
export type BenchmarkRun = typeof benchmarkRuns.$inferSelect;

/** The measurements of one model variant within a run. */
export const benchmarkResults = pgTable(
  "benchmark_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => benchmarkRuns.id, { onDelete: "cascade" }),
    modelId: text("model_id").notNull(),
    family: text("family").notNull(),
    variant: text("variant").notNull(),
    task: text("task").notNull(),
    /** Latency percentiles, throughput per batch size, threads, file size, peak memory. */
    performance: jsonb("performance").notNull(),
    /** Task accuracy on the eval sets and agreement with the parent. */
    accuracy: jsonb("accuracy"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("benchmark_results_run_idx").on(table.runId), index("benchmark_results_model_idx").on(table.modelId)],
);
export type BenchmarkResult = typeof benchmarkResults.$inferSelect;

/**
 * One run of the HTTP load benchmark (`npm run bench:load`): the whole run as one document
 * (lib/benchmarks/load/load-run-schema.ts), with the mode and date to find the newest.
 */
export const loadBenchmarkRuns = pgTable(
  "load_benchmark_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mode: text("mode").notNull(),
    run: jsonb("run").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("load_benchmark_runs_created_idx").on(table.createdAt)],
);
export type LoadBenchmarkRunRow = typeof loadBenchmarkRuns.$inferSelect;

/**
 * Stored evaluation reports: safety benchmark figures, red-team campaigns, OCR and language-ID accuracy.
 * `ownerId` is null for instance-wide reports; user-started ones are scoped to their owner.
 */
export const evaluationReports = pgTable(
  "evaluation_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    title: text("title").notNull(),
    ownerId: text("owner_id"),
    /** 0..1 while running. */
    progress: real("progress").notNull().default(0),
    summary: jsonb("summary"),
    details: jsonb("details"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [index("evaluation_reports_kind_idx").on(table.kind, table.createdAt)],
);
export type EvaluationReport = typeof evaluationReports.$inferSelect;
