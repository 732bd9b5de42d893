import "server-only";
import type PgBoss from "pg-boss";
import { getDatabase } from "../db/client";
import { getEnv } from "../env";
import { log } from "../log";
import { runQueuedJob, setTrackedKindRunners, sweepInterruptedJobs, type TrackedKindRunners } from "./tracked-job";
import { getJobQueue } from "./job-queue";
import { QUEUE } from "./queues";
import { attemptDelivery, giveUpDelivery } from "./webhooks/deliver-webhook";
import { outsideRequest } from "../request-deadline";

/** A queue's worker: what it runs per job, how often it polls, how many jobs it runs at once. */
export interface QueueRunner<T> {
  run: (data: T) => Promise<unknown>;
  pollingIntervalSeconds: number;
  concurrency?: number;
}

/** The queues whose work belongs to features above the queue (batches, upkeep), not to it. */
const HANDED_QUEUES = [QUEUE.batchItem, QUEUE.batchItemDead, QUEUE.maintenance] as const;
type HandedQueue = (typeof HANDED_QUEUES)[number];
interface HandedQueuePayloads {
  [QUEUE.batchItem]: { itemId: string };
  [QUEUE.batchItemDead]: { itemId: string };
  [QUEUE.maintenance]: unknown;
}

/**
 * What the app hands the queue at start (lib/instance/job-runners.ts): a runner per feature queue
 * and per tracked kind. The queue lists no client itself, and one left out fails at start, by name.
 */
export interface JobRunners {
  queues: { [Q in HandedQueue]: QueueRunner<HandedQueuePayloads[Q]> };
  trackedKinds: TrackedKindRunners;
}

/**
 * Makes this process a worker of every queue: the handed runners' queues with their concurrency,
 * and the queue's own (webhook deliveries, which only wait on the network, so a few run at once;
 * the tracked jobs' queues, one at a time).
 */

const globalForWorkers = globalThis as unknown as { insightWorkersStarted?: boolean };

export async function startWorkers(runners: JobRunners): Promise<void> {
  for (const queue of HANDED_QUEUES) if (typeof runners.queues[queue]?.run !== "function") throw new Error(`no runner was handed for the "${queue}" queue`);
  setTrackedKindRunners(runners.trackedKinds);
  if (globalForWorkers.insightWorkersStarted) return;
  globalForWorkers.insightWorkersStarted = true;
  const env = getEnv();
  const boss = await getJobQueue();
  const { db } = await getDatabase();
  // pg-boss waits out its polling interval after every fetch, even a fruitful one; after a job is
  // done the worker is told to fetch again at once, so a busy queue runs back to back (measured:
  // ~1 s of queue time per batch item without this, a few ms with it).
  const work = async <T>(queue: string, options: PgBoss.WorkOptions, run: (data: T) => Promise<unknown>) => {
    let workerId: string | undefined;
    workerId = await boss.work<T>(queue, { batchSize: 1, ...options }, async (jobs) => {
      for (const job of jobs) await outsideRequest(() => run(job.data));
      if (workerId) boss.notifyWorker(workerId);
    });
  };
  for (const queue of HANDED_QUEUES) {
    const { run, pollingIntervalSeconds, concurrency = 1 } = runners.queues[queue] as QueueRunner<unknown>;
    for (let i = 0; i < concurrency; i++) await work(queue, { pollingIntervalSeconds }, run);
  }
  for (let i = 0; i < 4; i++)
    await work<{ deliveryId: string }>(QUEUE.webhookDelivery, { pollingIntervalSeconds: 1 }, ({ deliveryId }) => attemptDelivery({ db, deliveryId }));
  await work<{ deliveryId: string }>(QUEUE.webhookDeliveryDead, { pollingIntervalSeconds: 2 }, ({ deliveryId }) => giveUpDelivery({ db, deliveryId }));
  await work<{ jobId: string }>(QUEUE.modelLab, { pollingIntervalSeconds: 2 }, runQueuedJob);
  await work<{ jobId: string }>(QUEUE.redTeamCampaign, { pollingIntervalSeconds: 2 }, runQueuedJob);
  // Usage roll-ups, expired guests and old rate-limit counters, every five minutes on one worker.
  await boss.schedule(QUEUE.maintenance, "*/5 * * * *");
  // Jobs whose process died are settled now (this process may be that one, restarted) and every 15 s.
  const sweep = () => void sweepInterruptedJobs().catch((error) => log.warn({ err: error }, "sweeping interrupted jobs failed"));
  sweep();
  setInterval(sweep, 15_000).unref();
  log.info({ concurrency: env.JOB_CONCURRENCY }, "working the job queue");
}
