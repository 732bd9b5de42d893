import "server-only";
import type { Database } from "../db/client";
import { InvalidArgumentError } from "../domain-errors";
import { DEFAULT_RUN_COUNT, MAX_RUN_COUNT } from "./benchmark-limits";
import { latestBenchmarkResults, listBenchmarkRuns, runningBenchmark } from "../db/queries/benchmarks";
import type { BenchmarkResult, BenchmarkRun } from "../db/schema";
import { log } from "../log";
import { describeMachine } from "../inference/measurement/describe-machine";
import { runFingerprint } from "../inference/measurement/machine-fingerprint";
import {
  benchmarkRunSchema,
  benchmarkResultSchema,
  type BenchmarkResultView,
  type BenchmarkRunView,
  type BenchmarksResponse,
} from "../inference/measurement/result-schema";
import { benchmarkableModels } from "./run-benchmark";
import { benchmarksApiResponseSchema, type BenchmarksApiResponse, summarizeForSeed } from "./seed-summary";

/**
 * Everything the benchmark dashboard and GET /api/v1/benchmarks show, read from the database: the
 * newest result of every variant, the recent runs with their results, whether a run is under way,
 * and which benchmarkable variants have no figures yet. Dates leave as ISO strings.
 */

/**
 * The query of GET /api/v1/benchmarks: only `runs` (how many recent runs to list, 1..100). Unknown
 * or repeated parameters are refused rather than ignored, so a typo (`?run=5`) is not silently
 * answered with the default.
 */
export function parseBenchmarksQuery(searchParams: URLSearchParams): { runCount: number } {
  const issue = (field: string, message: string) => new InvalidArgumentError("The query string does not match the expected parameters.", { field, message });
  for (const key of new Set(searchParams.keys())) {
    const field = key.slice(0, 50);
    if (key !== "runs") throw issue(field, "unknown query parameter; the only parameter is `runs`");
    if (searchParams.getAll(key).length > 1) throw issue(field, "give this parameter once");
  }
  const raw = searchParams.get("runs");
  if (raw === null) return { runCount: DEFAULT_RUN_COUNT };
  const value = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_RUN_COUNT)) throw issue("runs", `must be a whole number from 1 to ${MAX_RUN_COUNT}`);
  return { runCount: value };
}

const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());

/**
 * One stored row as the public shape. A row written by an older runner may no longer match the
 * schema; it is left out (and logged) rather than failing the whole dashboard.
 */
function toResultView(row: BenchmarkResult, machineFingerprint: string): BenchmarkResultView | undefined {
  const parsed = benchmarkResultSchema.safeParse({
    runId: row.runId,
    machineFingerprint,
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

const views = (rows: BenchmarkResult[], fingerprintOf: (row: BenchmarkResult) => string) =>
  rows.map((row) => toResultView(row, fingerprintOf(row))).filter((v): v is BenchmarkResultView => v !== undefined);

/**
 * Which machine's figures the dashboard shows: this instance's own when it has any (the page says
 * "the machine these figures come from"), otherwise the machine of the newest result. The others
 * are listed, not mixed in.
 */
export function chooseMachine(
  results: BenchmarkResultView[],
  ownFingerprint: string,
): { fingerprint: string | null; otherMachines: BenchmarksResponse["otherMachines"] } {
  const byMachine = new Map<string, BenchmarkResultView[]>();
  for (const r of results) byMachine.set(r.machineFingerprint!, [...(byMachine.get(r.machineFingerprint!) ?? []), r]);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as strings
  const newest = (rs: BenchmarkResultView[]) => rs.reduce((a, r) => (r.createdAt > a ? r.createdAt : a), "");
  const fingerprint = byMachine.has(ownFingerprint)
    ? ownFingerprint
    : ([...byMachine.entries()].sort((a, b) => newest(b[1]).localeCompare(newest(a[1])))[0]?.[0] ?? null);
  const otherMachines = [...byMachine.entries()]
    .filter(([f]) => f !== fingerprint)
    .map(([f, rs]) => ({ fingerprint: f, variants: rs.length, newestAt: newest(rs) }))
    .sort((a, b) => b.newestAt.localeCompare(a.newestAt));
  return { fingerprint, otherMachines };
}

/** A stored run with its results as the public shape (GET /api/v1/benchmarks and …/runs/{id}). */
export function toRunView(run: BenchmarkRun & { results: BenchmarkResult[] }): BenchmarkRunView {
  const fingerprint = runFingerprint((run.machine ?? {}) as Record<string, unknown>);
  return benchmarkRunSchema.parse({
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    error: run.error,
    machine: run.machine ?? {},
    fingerprint,
    config: run.config ?? {},
    results: views(run.results, () => fingerprint),
  });
}

export async function getBenchmarks({ db, runCount = DEFAULT_RUN_COUNT }: { db: Database; runCount?: number }): Promise<BenchmarksApiResponse> {
  const [latestRows, runRows, running, machine] = await Promise.all([
    latestBenchmarkResults({ db }),
    listBenchmarkRuns({ db, limit: runCount }),
    runningBenchmark({ db }),
    describeMachine(),
  ]);
  const everyMachine = latestRows.map((row) => toResultView(row, runFingerprint(row.machine))).filter((v): v is BenchmarkResultView => v !== undefined);
  const { fingerprint, otherMachines } = chooseMachine(everyMachine, machine.fingerprint);
  const latest = everyMachine
    .filter((r) => r.machineFingerprint === fingerprint)
    .sort((a, b) => a.family.localeCompare(b.family) || a.modelId.localeCompare(b.modelId));
  const measured = new Set(latest.map((r) => r.modelId));
  const benchmarkable = benchmarkableModels();
  const pending = benchmarkable.filter((m) => !measured.has(m.id)).map((m) => ({ modelId: m.id, family: m.family, variant: m.variant, task: m.task }));
  return benchmarksApiResponseSchema.parse({
    latest,
    machineFingerprint: fingerprint,
    otherMachines,
    runs: runRows.map(toRunView),
    pending,
    running: Boolean(running),
    ...summarizeForSeed({ latest, machineFingerprint: fingerprint, benchmarkable, running: Boolean(running) }),
  });
}
