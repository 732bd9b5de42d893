import "server-only";
import type { Database } from "../db/client";
import { latestBenchmarkResults, listBenchmarkRuns, runningBenchmark } from "../db/queries/benchmarks";
import type { BenchmarkResult } from "../db/schema";
import { log } from "../log";
import { benchmarksResponseSchema, benchmarkResultSchema, type BenchmarkResultView, type BenchmarksResponse } from "./result-schema";
import { benchmarkableModels } from "./run-benchmark";

/**
 * Everything the benchmark dashboard and GET /api/v1/benchmarks show, read from the database: the
 * newest result of every variant, the recent runs with their results, whether a run is under way,
 * and which benchmarkable variants have no figures yet. Dates leave as ISO strings.
 */

export const DEFAULT_RUN_COUNT = 20;
export const MAX_RUN_COUNT = 100;

const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());

/**
 * One stored row as the public shape. A row written by an older runner may no longer match the
 * schema; it is left out (and logged) rather than failing the whole dashboard.
 */
function toResultView(row: BenchmarkResult): BenchmarkResultView | undefined {
  const parsed = benchmarkResultSchema.safeParse({
    modelId: row.modelId,
    family: row.family,
    variant: row.variant,
    task: row.task,
    performance: row.performance,
    accuracy: row.accuracy ?? { available: false, reason: "accuracy was not measured in this run" },
    createdAt: iso(row.createdAt),
  });
  if (!parsed.success) {
    log.warn({ resultId: row.id, modelId: row.modelId, issues: parsed.error.issues.slice(0, 3) }, "benchmark result does not match the schema; left out");
    return undefined;
  }
  return parsed.data;
}

const views = (rows: BenchmarkResult[]) => rows.map(toResultView).filter((v): v is BenchmarkResultView => v !== undefined);

export async function getBenchmarks({ db, runCount = DEFAULT_RUN_COUNT }: { db: Database; runCount?: number }): Promise<BenchmarksResponse> {
  const [latestRows, runRows, running] = await Promise.all([
    latestBenchmarkResults({ db }),
    listBenchmarkRuns({ db, limit: runCount }),
    runningBenchmark({ db }),
  ]);
  const latest = views(latestRows).sort((a, b) => a.family.localeCompare(b.family) || a.modelId.localeCompare(b.modelId));
  const measured = new Set(latest.map((r) => r.modelId));
  const pending = benchmarkableModels()
    .filter((m) => !measured.has(m.id))
    .map((m) => ({ modelId: m.id, family: m.family, variant: m.variant, task: m.task }));
  return benchmarksResponseSchema.parse({
    latest,
    runs: runRows.map((run) => ({
      id: run.id,
      trigger: run.trigger,
      status: run.status,
      startedAt: iso(run.startedAt),
      finishedAt: iso(run.finishedAt),
      error: run.error,
      machine: run.machine ?? {},
      config: run.config ?? {},
      results: views(run.results),
    })),
    pending,
    running: Boolean(running),
  });
}
