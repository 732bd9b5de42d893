import "server-only";
import { getDatabase } from "../db/client";
import { getEnv } from "../env";
import { runMaintenance } from "../instance/maintenance";
import { log } from "../log";
import { failBatchItem, runBatchItem } from "./batch/run-batch-item";
import { getJobQueue } from "./job-queue";
import { QUEUE } from "./queues";
import { attemptDelivery, giveUpDelivery } from "./webhooks/deliver-webhook";

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
  const each = <T>(run: (data: T) => Promise<unknown>) => async (jobs: { data: T }[]) => {
    for (const job of jobs) await run(job.data);
  };
  for (let i = 0; i < env.JOB_CONCURRENCY; i++) {
    await boss.work<{ itemId: string }>(QUEUE.batchItem, { batchSize: 1, pollingIntervalSeconds: 1 }, each(runBatchItem));
  }
  await boss.work<{ itemId: string }>(QUEUE.batchItemDead, { pollingIntervalSeconds: 2 }, each(failBatchItem));
  for (let i = 0; i < 4; i++) {
    await boss.work<{ deliveryId: string }>(QUEUE.webhookDelivery, { batchSize: 1, pollingIntervalSeconds: 1 }, each(({ deliveryId }) => attemptDelivery({ db, deliveryId })));
  }
  await boss.work<{ deliveryId: string }>(QUEUE.webhookDeliveryDead, { pollingIntervalSeconds: 2 }, each(({ deliveryId }) => giveUpDelivery({ db, deliveryId })));
  await boss.work(QUEUE.maintenance, { pollingIntervalSeconds: 5 }, each(() => runMaintenance({ db })));
  // Usage roll-ups, expired guests and old rate-limit counters, every five minutes on one worker.
  await boss.schedule(QUEUE.maintenance, "*/5 * * * *");
  log.info({ concurrency: env.JOB_CONCURRENCY }, "working the job queue");
}
