import "server-only";
import { getDatabase } from "../db/client";
import { failRunningBenchmarkRunsSince, finishBenchmarkRun, getBenchmarkRun } from "../db/queries/benchmarks";
import { activeInstanceJobs } from "../db/queries/jobs";
import type { JobRow } from "../db/schema";
import { ConflictError } from "../domain-errors";
import { enqueueTrackedJobNow, runTrackedJob, type TrackedKindRunner } from "../jobs/tracked-job";
import { benchmarkableModels, startBenchmark, type BenchmarkPreset, type RunBenchmarkOptions } from "./run-benchmark";

/**
 * Benchmark runs as jobs: queued from the admin API or the start-up lab, run by one worker at a
 * time on the whole cluster, with the run's progress (variants measured) as the job's. An
 * interrupted run ends failed, its benchmark_runs row too.
 */

export interface BenchmarkJobParams {
  trigger: RunBenchmarkOptions["trigger"];
  preset: BenchmarkPreset;
  models?: string[];
}

export async function queueBenchmarkRun({ ownerId, params }: { ownerId: string | null; params: BenchmarkJobParams }): Promise<JobRow> {
  const { db } = await getDatabase();
  const pending = await activeInstanceJobs({ db, kinds: ["benchmark"] });
  const same = pending.find((job) => JSON.stringify((job.params as BenchmarkJobParams).models ?? null) === JSON.stringify(params.models ?? null));
  if (same) throw new ConflictError(`The same benchmark run is already ${same.status} (job ${same.id}).`, { job_id: same.id });
  const total = benchmarkableModels().filter((m) => !params.models || params.models.includes(m.id)).length;
  return enqueueTrackedJobNow({
    kind: "benchmark",
    ownerId,
    title: `Benchmark (${params.preset}, ${total} variant${total === 1 ? "" : "s"})`,
    params: { ...params },
    total,
  });
}

async function runBenchmarkJob(jobId: string): Promise<void> {
  const { db } = await getDatabase();
  await runTrackedJob(jobId, async ({ job, progress, note }) => {
    const params = job.params as BenchmarkJobParams;
    const { runId, done } = await startBenchmark({ db, trigger: params.trigger, preset: params.preset, modelIds: params.models, onProgress: progress });
    await note({ run_id: runId });
    const outcome = await done;
    if (outcome.measured.length === 0 && outcome.failed.length > 0) throw new Error(outcome.failed.map((f) => `${f.id}: ${f.reason}`).join("; "));
    return { measured: outcome.measured, failed: outcome.failed };
  });
}

const INTERRUPTED = "interrupted: the process running it stopped";

async function failInterruptedRun(job: JobRow): Promise<void> {
  const { db } = await getDatabase();
  const runId = (job.summary as { run_id?: string } | null)?.run_id;
  if (runId) {
    const run = await getBenchmarkRun({ db, id: runId });
    if (run?.status === "running") await finishBenchmarkRun({ db, id: runId, status: "failed", error: INTERRUPTED });
    return;
  }
  // Killed between creating its run and noting the run's id: only one run can be under way on the
  // whole cluster, so a run still "running" that started after this job did is this job's.
  if (job.startedAt) await failRunningBenchmarkRunsSince({ db, since: job.startedAt, error: INTERRUPTED });
}

/** The "benchmark" kind's runner, handed to the tracked jobs by lib/instance at start. */
export const benchmarkJobRunner: TrackedKindRunner = { run: runBenchmarkJob, onInterrupted: failInterruptedRun };
