import "server-only";
import type PgBoss from "pg-boss";
import { getDatabase } from "../db/client";
import { getEnv } from "../env";
import { runMaintenance } from "../instance/maintenance";
import { log } from "../log";
// Imported for their runners (each registers the kinds of job it runs).
import "../benchmarks/benchmark-job";
import "../instance/model-lab";
import "../safety/red-team/campaign-job";
import { failBatchItem, runBatchItem } from "./batch/run-batch-item";
import { runQueuedJob, sweepInterruptedJobs } from "./tracked-job";
import { getJobQueue } from "./job-queue";
import { QUEUE } from "./queues";
import { attemptDelivery, giveUpDelivery } from "./webhooks/deliver-webhook";
import { outsideRequest } from "../request-deadline";

/**
 * Makes this process a worker of every queue. Batch items are CPU-bound analyses: JOB_CONCURRENCY
 * of them at a time (default 1), so a web process that also works the queue keeps a core for its
 * requests. Webhook deliveries only wait on the network, so a few run at once.
 */

const globalForWorkers = globalThis as unknown as { insightWorkersStarted?: boolean };

export async function startWorkers(): Promise<void> {
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
  for (let i = 0; i < env.JOB_CONCURRENCY; i++) await work<{ itemId: string }>(QUEUE.batchItem, { pollingIntervalSeconds: 1 }, runBatchItem);
  await work<{ itemId: string }>(QUEUE.batchItemDead, { pollingIntervalSeconds: 2 }, failBatchItem);
  for (let i = 0; i < 4; i++)
    await work<{ deliveryId: string }>(QUEUE.webhookDelivery, { pollingIntervalSeconds: 1 }, ({ deliveryId }) => attemptDelivery({ db, deliveryId }));
  await work<{ deliveryId: string }>(QUEUE.webhookDeliveryDead, { pollingIntervalSeconds: 2 }, ({ deliveryId }) => giveUpDelivery({ db, deliveryId }));
  await work(QUEUE.maintenance, { pollingIntervalSeconds: 5 }, () => runMaintenance({ db }));
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
