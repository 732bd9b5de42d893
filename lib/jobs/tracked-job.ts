import "server-only";
import { getDatabase } from "../db/client";
import { getJob, insertJob, setJobQueueId } from "../db/queries/jobs";
import { finishTrackedJob, mergeJobSummary, settleStaleJob, staleTrackedJobs, startTrackedJob, updateJobProgress } from "../db/queries/tracked-jobs";
import type { JobRow } from "../db/schema";
import { transactionWithSql, type SqlTransaction } from "../db/transaction-with-sql";
import { getEnv } from "../env";
import { ConflictError } from "../domain-errors";
import { log } from "../log";
import { observeJobOutcome } from "../metrics/observe";
import { getJobQueue } from "./job-queue";
import { QUEUE, type QueueName } from "./queues";

/**
 * Single-runner jobs (a benchmark run, a red-team campaign, a variant's production, the safety
 * benchmark): one process runs each from start to end, with a heartbeat every few seconds. A job
 * whose heartbeat stops (its process was killed) is noticed by the sweep on every worker: it is
 * failed — or, for resumable kinds, queued again and retried by the queue — never left "running".
 */

export const TRACKED_KINDS = {
  benchmark: { queue: QUEUE.modelLab, resumable: false },
  variant: { queue: QUEUE.modelLab, resumable: true },
  "safety-benchmark": { queue: QUEUE.modelLab, resumable: false },
  "red-team": { queue: QUEUE.redTeamCampaign, resumable: false },
} as const satisfies Record<string, { queue: QueueName; resumable: boolean }>;
export type TrackedKind = keyof typeof TRACKED_KINDS;

const HEARTBEAT_MS = 5_000;

/** Who runs a kind (a queue such as the model lab's carries several kinds), and what to do to its own
 * records (a benchmark run row, a report) when its job is interrupted. */
export interface TrackedKindRunner {
  run: (jobId: string) => Promise<void>;
  onInterrupted?: (job: JobRow) => Promise<void>;
}
export type TrackedKindRunners = { [K in TrackedKind]: TrackedKindRunner };

const runners = new Map<TrackedKind, TrackedKindRunner>();

/**
 * Hands the tracked jobs their runners, one per kind (lib/instance wires them at start). A kind
 * without one fails here, naming it, rather than when its first job is picked up.
 */
export function setTrackedKindRunners(given: TrackedKindRunners): void {
  for (const kind of Object.keys(TRACKED_KINDS) as TrackedKind[]) {
    if (typeof given[kind]?.run !== "function") throw new Error(`no runner was handed for tracked jobs of kind "${kind}"`);
    runners.set(kind, given[kind]);
  }
}

/** A queue worker's entry: runs the job with the runner of its kind. */
export async function runQueuedJob({ jobId }: { jobId: string }): Promise<void> {
  const { db } = await getDatabase();
  const job = await getJob({ db, id: jobId });
  if (!job) return;
  const runner = runners.get(job.kind as TrackedKind);
  if (!runner) throw new Error(`no runner for jobs of kind ${job.kind}`);
  await runner.run(jobId);
}

/**
 * Stores a job and queues it in `tx`; the caller's own rows for it commit with it. Start the queue
 * (`getJobQueue()`) before opening `tx`: on the embedded database, where one client's transaction
 * holds the database, starting pg-boss inside it would wait for the transaction to end.
 */
export async function enqueueTrackedJob(
  tx: SqlTransaction,
  job: { kind: TrackedKind; ownerId: string | null; title: string; params: Record<string, unknown>; total?: number; summary?: Record<string, unknown> },
): Promise<JobRow> {
  const row = await insertJob({
    db: tx.db,
    values: {
      ownerId: job.ownerId,
      kind: job.kind,
      status: "queued",
      title: job.title,
      total: job.total ?? 1,
      params: job.params,
      summary: job.summary ?? null,
    },
  });
  const { queue, resumable } = TRACKED_KINDS[job.kind];
  const queueJobId = await (await getJobQueue()).send(queue, { jobId: row.id }, { db: tx, retryLimit: resumable ? 3 : 0 });
  if (!queueJobId) throw new ConflictError("The job could not be queued.");
  await setJobQueueId({ db: tx.db, id: row.id, queueJobId });
  return { ...row, queueJobId };
}

export async function enqueueTrackedJobNow(job: Parameters<typeof enqueueTrackedJob>[1]): Promise<JobRow> {
  await getJobQueue();
  return transactionWithSql(await getDatabase(), (tx) => enqueueTrackedJob(tx, job));
}

export interface TrackedJobContext {
  job: JobRow;
  progress(progress: { total: number; done: number; failed: number }): Promise<void>;
  /** Records ids and figures the job produced (e.g. the benchmark run it started) in its summary. */
  note(summary: Record<string, unknown>): Promise<void>;
}

/** Runs a queued job's work with heartbeats; its outcome (done, or failed with the reason) is recorded. */
// biome-ignore lint/suspicious/noConfusingVoidType: work may return nothing at all
export async function runTrackedJob(jobId: string, work: (context: TrackedJobContext) => Promise<Record<string, unknown> | void>): Promise<void> {
  const { db } = await getDatabase();
  const job = await startTrackedJob({ db, id: jobId });
  if (!job) return; // finished, failed or cancelled meanwhile
  const current = { total: job.total, done: job.done, failed: job.failed };
  const heartbeat = setInterval(() => void updateJobProgress({ db, id: jobId, progress: current }).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const summary = await work({
      job,
      progress: async (progress) => {
        Object.assign(current, progress);
        await updateJobProgress({ db, id: jobId, progress });
      },
      note: (summary) => mergeJobSummary({ db, id: jobId, summary }),
    });
    if (summary) await mergeJobSummary({ db, id: jobId, summary });
    if (await finishTrackedJob({ db, id: jobId, status: "done" })) observeJobOutcome({ queue: queueOf(job), outcome: "done" });
  } catch (error) {
    const reason = (error as Error).message;
    log.warn({ err: error, jobId, kind: job.kind }, "job failed");
    if (await finishTrackedJob({ db, id: jobId, status: "failed", error: reason })) observeJobOutcome({ queue: queueOf(job), outcome: "failed" });
  } finally {
    clearInterval(heartbeat);
  }
}

const queueOf = (job: JobRow): QueueName => TRACKED_KINDS[job.kind as TrackedKind]?.queue ?? QUEUE.modelLab;

/**
 * Settles jobs whose runner stopped: failed (their own records too, through the kind's handler), or
 * for resumable kinds queued again, the queue's job failed so that pg-boss retries it.
 */
export async function sweepInterruptedJobs(now = new Date()): Promise<number> {
  const { db } = await getDatabase();
  const staleBefore = new Date(now.getTime() - getEnv().JOB_STALE_SECONDS * 1000);
  const stale = await staleTrackedJobs({ db, kinds: Object.keys(TRACKED_KINDS), staleBefore });
  const queue = stale.length ? await getJobQueue() : undefined;
  let settled = 0;
  for (const job of stale) {
    const kind = job.kind as TrackedKind;
    const { resumable, queue: queueName } = TRACKED_KINDS[kind];
    const row = await settleStaleJob({
      db,
      id: job.id,
      heartbeatAt: job.heartbeatAt!,
      resume: resumable,
      error: resumable ? "interrupted: the process running it stopped; it is resumed" : "interrupted: the process running it stopped",
    });
    if (!row) continue;
    settled++;
    if (job.queueJobId) await queue!.fail(queueName, job.queueJobId, { reason: "interrupted" }).catch(() => {});
    if (!resumable) observeJobOutcome({ queue: queueName, outcome: "failed" });
    if (!resumable)
      await runners
        .get(kind)
        ?.onInterrupted?.(row)
        .catch((error) => log.warn({ err: error, jobId: job.id }, "could not close an interrupted job's records"));
    log.warn({ jobId: job.id, kind, resumed: resumable }, "interrupted job settled");
  }
  return settled;
}
