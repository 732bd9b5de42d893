import "server-only";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { benchmarkResults, benchmarkRuns, type BenchmarkResult, type BenchmarkRun } from "../schema";

/** Benchmark runs and their per-variant results. Benchmarks describe the instance, so they have no owner. */

// A run that has been "running" this long belongs to a process that died mid-run.
const STALE_RUN_MS = 2 * 60 * 60 * 1000;
const BENCHMARK_LOCK_KEY = 7_411_502_025;

/**
 * Starts a run unless one is under way (on any instance sharing the database): the check and the
 * insert happen under one advisory lock, so two instances starting at once cannot both run.
 * Returns undefined when another run is in progress.
 */
export async function startBenchmarkRun({
  db,
  trigger,
  machine,
  config,
  now = new Date(),
}: {
  db: Database;
  trigger: string;
  machine: unknown;
  config: unknown;
  now?: Date;
}): Promise<BenchmarkRun | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BENCHMARK_LOCK_KEY})`);
    const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
    await tx
      .update(benchmarkRuns)
      .set({ status: "failed", error: "abandoned: the process running it stopped", finishedAt: sql`now()` })
      .where(and(eq(benchmarkRuns.status, "running"), lt(benchmarkRuns.startedAt, staleBefore)));
    const [running] = await tx.select({ id: benchmarkRuns.id }).from(benchmarkRuns).where(eq(benchmarkRuns.status, "running")).limit(1);
    if (running) return undefined;
    const [run] = await tx.insert(benchmarkRuns).values({ trigger, status: "running", machine, config }).returning();
    return run;
  });
}

/** Fails every run still "running" that started at or after `since` (a run whose job died before noting its id). */
export async function failRunningBenchmarkRunsSince({ db, since, error }: { db: Database; since: Date; error: string }): Promise<number> {
  const failed = await db
    .update(benchmarkRuns)
    .set({ status: "failed", error, finishedAt: sql`now()` })
    .where(and(eq(benchmarkRuns.status, "running"), gte(benchmarkRuns.startedAt, since)))
    .returning({ id: benchmarkRuns.id });
  return failed.length;
}

export async function createBenchmarkRun({
  db,
  trigger,
  machine,
  config,
}: {
  db: Database;
  trigger: string;
  machine: unknown;
  config: unknown;
}): Promise<BenchmarkRun> {
  const [run] = await db.insert(benchmarkRuns).values({ trigger, status: "running", machine, config }).returning();
  return run;
}

export async function finishBenchmarkRun({ db, id, status, error }: { db: Database; id: string; status: "done" | "failed"; error?: string }): Promise<void> {
  await db
    .update(benchmarkRuns)
    .set({ status, error: error ?? null, finishedAt: sql`now()` })
    .where(eq(benchmarkRuns.id, id));
}

export async function insertBenchmarkResult({
  db,
  result,
}: {
  db: Database;
  result: Omit<typeof benchmarkResults.$inferInsert, "id" | "createdAt">;
}): Promise<BenchmarkResult> {
  const [row] = await db.insert(benchmarkResults).values(result).returning();
  return row;
}

export type RunWithResults = BenchmarkRun & { results: BenchmarkResult[] };

/** The newest runs first, each with its results. */
export async function listBenchmarkRuns({ db, limit = 20 }: { db: Database; limit?: number }): Promise<RunWithResults[]> {
  const runs = await db.select().from(benchmarkRuns).orderBy(desc(benchmarkRuns.startedAt)).limit(limit);
  if (runs.length === 0) return [];
  const results = await db
    .select()
    .from(benchmarkResults)
    .where(
      inArray(
        benchmarkResults.runId,
        runs.map((r) => r.id),
      ),
    )
    .orderBy(benchmarkResults.createdAt);
  return runs.map((run) => ({ ...run, results: results.filter((r) => r.runId === run.id) }));
}

export async function getBenchmarkRun({ db, id }: { db: Database; id: string }): Promise<RunWithResults | undefined> {
  const [run] = await db.select().from(benchmarkRuns).where(eq(benchmarkRuns.id, id)).limit(1);
  if (!run) return undefined;
  const results = await db.select().from(benchmarkResults).where(eq(benchmarkResults.runId, id)).orderBy(benchmarkResults.createdAt);
  return { ...run, results };
}

export type ResultWithMachine = BenchmarkResult & { machine: Record<string, unknown> };

/**
 * The newest result of every model variant on every kind of machine (the run's recorded
 * fingerprint, or for runs stored before fingerprints its CPU model, cores and flags), from finished
 * runs or the one running now, each with its run's machine. Callers choose one machine's figures;
 * nothing here mixes them.
 */
export async function latestBenchmarkResults({ db }: { db: Database }): Promise<ResultWithMachine[]> {
  const machineKey = [
    sql`${benchmarkRuns.machine}->'fingerprint'`,
    sql`${benchmarkRuns.machine}->'cpuModel'`,
    sql`${benchmarkRuns.machine}->'cores'`,
    sql`${benchmarkRuns.machine}->'cpuFlags'`,
  ];
  return db
    .selectDistinctOn([benchmarkResults.modelId, ...machineKey], { result: benchmarkResults, machine: benchmarkRuns.machine })
    .from(benchmarkResults)
    .innerJoin(benchmarkRuns, eq(benchmarkRuns.id, benchmarkResults.runId))
    .where(and(inArray(benchmarkRuns.status, ["done", "running"])))
    .orderBy(benchmarkResults.modelId, ...machineKey, desc(benchmarkResults.createdAt))
    .then((rows) => rows.map((row) => ({ ...row.result, machine: (row.machine ?? {}) as Record<string, unknown> })));
}

/** Whether a run is under way (so a second one is not started on top of it); abandoned runs do not count. */
export async function runningBenchmark({ db, now = new Date() }: { db: Database; now?: Date }): Promise<BenchmarkRun | undefined> {
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
  const [run] = await db
    .select()
    .from(benchmarkRuns)
    .where(and(eq(benchmarkRuns.status, "running"), gte(benchmarkRuns.startedAt, staleBefore)))
    .orderBy(desc(benchmarkRuns.startedAt))
    .limit(1);
  return run;
}
