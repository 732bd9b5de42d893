import type PgBoss from "pg-boss";
import type { Env } from "../env";

/**
 * Every queue of the job system, with its retry, expiry and concurrency settings as data. Items and
 * deliveries that fail for good land in a dead-letter queue whose worker records the failure.
 */

export const QUEUE = {
  batchItem: "batch-item",
  batchItemDead: "batch-item-dead",
  webhookDelivery: "webhook-delivery",
  webhookDeliveryDead: "webhook-delivery-dead",
  maintenance: "maintenance",
  modelLab: "model-lab",
  redTeamCampaign: "red-team-campaign",
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export function queueDefinitions(env: Env): (PgBoss.Queue & { name: QueueName })[] {
  return [
    // An item's analysis is retried twice when its process dies or it fails unexpectedly (an
    // ApiError, such as an image that cannot be decoded, is an answer, not a failure: never retried).
    { name: QUEUE.batchItemDead, retentionMinutes: 60 * 24 * 7 },
    { name: QUEUE.batchItem, retryLimit: 2, retryDelay: 2, retryBackoff: true, expireInSeconds: env.JOB_ITEM_TIMEOUT_SECONDS, deadLetter: QUEUE.batchItemDead },
    { name: QUEUE.webhookDeliveryDead, retentionMinutes: 60 * 24 * 7 },
    {
      name: QUEUE.webhookDelivery,
      retryLimit: env.WEBHOOK_RETRY_LIMIT,
      retryDelay: env.WEBHOOK_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: Math.ceil(env.WEBHOOK_TIMEOUT_MS / 1000) * 4 + 30,
      deadLetter: QUEUE.webhookDeliveryDead,
    },
    { name: QUEUE.maintenance, policy: "singleton", expireInSeconds: 600 },
    // The model lab's whole-machine work (benchmark runs, producing variants, the safety benchmark)
    // and red-team campaigns: one at a time on the whole cluster ("singleton": at most one active),
    // the rest wait queued, so two of them never fight over the cores (or skew each other's timings).
    // Retries are per job: a variant's production is resumed after an interruption, the others are
    // failed by the heartbeat sweep (lib/jobs/tracked-job.ts).
    { name: QUEUE.modelLab, policy: "singleton", retryLimit: 0, retryDelay: 5, expireInSeconds: 6 * 3600 },
    { name: QUEUE.redTeamCampaign, policy: "singleton", retryLimit: 0, expireInSeconds: 3600 },
  ];
}
