import "server-only";
import { randomUUID } from "node:crypto";
import { insertDelivery } from "../../db/queries/webhooks";
import type { SqlTransaction } from "../../db/transaction-with-sql";
import { getJobQueue } from "../job-queue";
import { QUEUE } from "../queues";

/**
 * Queues a webhook in the same transaction as the state change it announces: the delivery row (its
 * id is the `webhook-id` every attempt carries) and the queue job commit together or not at all.
 * Only called by workers, whose queue is running already (see enqueueTrackedJob on why that matters).
 */
export async function enqueueWebhook(
  tx: SqlTransaction,
  message: { jobId: string; ownerId: string; url: string; eventType: string; data: Record<string, unknown> },
): Promise<string> {
  const id = `msg_${randomUUID().replaceAll("-", "")}`;
  const payload = { type: message.eventType, timestamp: new Date().toISOString(), data: message.data };
  await insertDelivery({ db: tx.db, values: { id, jobId: message.jobId, ownerId: message.ownerId, url: message.url, eventType: message.eventType, payload } });
  const queue = await getJobQueue();
  await queue.send(QUEUE.webhookDelivery, { deliveryId: id }, { db: tx });
  return id;
}
