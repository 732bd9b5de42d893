import "server-only";
import type { Database } from "../../db/client";
import { getDelivery, markDeliveryFailed, recordAttempt } from "../../db/queries/webhooks";
import { getEnv } from "../../env";
import { log } from "../../log";
import { observeJobOutcome } from "../../metrics/observe";
import { getJobQueue } from "../job-queue";
import { QUEUE } from "../queues";
import { postWebhook } from "./post-webhook";
import { signWebhook } from "./sign-webhook";
import { TenantSlots } from "./tenant-slots";
import { getWebhookSecret } from "./webhook-secrets";

/**
 * One attempt at a delivery (the queue's worker calls this; pg-boss retries it with exponential
 * backoff and jitter when it throws). Each attempt is signed afresh with its own timestamp and the
 * delivery's fixed id, and logged with its outcome.
 */
const globalForSlots = globalThis as unknown as { insightWebhookSlots?: TenantSlots };
const tenantSlots = (globalForSlots.insightWebhookSlots ??= new TenantSlots(() => getEnv().WEBHOOK_TENANT_CONCURRENCY));

/** A tenant at its limit waits this long for its next try (not an attempt: its retry budget is untouched). */
const TENANT_BUSY_DELAY_SECONDS = 2;

export async function attemptDelivery({ db, deliveryId }: { db: Database; deliveryId: string }): Promise<void> {
  const delivery = await getDelivery({ db, id: deliveryId });
  if (delivery?.status !== "pending") return;
  if (!tenantSlots.tryAcquire(delivery.ownerId)) {
    await (await getJobQueue()).send(QUEUE.webhookDelivery, { deliveryId }, { startAfter: TENANT_BUSY_DELAY_SECONDS });
    return;
  }
  try {
    await attemptWithSlot(db, delivery);
  } finally {
    tenantSlots.release(delivery.ownerId);
  }
}

async function attemptWithSlot(db: Database, delivery: NonNullable<Awaited<ReturnType<typeof getDelivery>>>): Promise<void> {
  const deliveryId = delivery.id;
  const body = JSON.stringify(delivery.payload);
  const secret = await getWebhookSecret({ db, userId: delivery.ownerId });
  const headers = signWebhook({ secret, id: delivery.id, timestampSeconds: Math.floor(Date.now() / 1000), body });
  const startedAt = performance.now();
  let statusCode: number | null = null;
  let failure: string | null = null;
  try {
    statusCode = (await postWebhook({ url: delivery.url, body, headers, timeoutMs: getEnv().WEBHOOK_TIMEOUT_MS })).statusCode;
    if (statusCode < 200 || statusCode >= 300) failure = `the receiver answered HTTP ${statusCode}`;
  } catch (error) {
    failure = (error as Error).message;
  }
  const attempt = await recordAttempt({ db, deliveryId, statusCode, error: failure, durationMs: performance.now() - startedAt, delivered: failure === null });
  if (failure) {
    log.info({ deliveryId, attempt, statusCode, reason: failure }, "webhook attempt failed; the queue retries it");
    throw new Error(`webhook ${deliveryId} attempt ${attempt}: ${failure}`);
  }
  observeJobOutcome({ queue: QUEUE.webhookDelivery, outcome: "done" });
}

/** The queue gave up (retries exhausted): the delivery is marked failed, its attempts stay visible. */
export async function giveUpDelivery({ db, deliveryId }: { db: Database; deliveryId: string }): Promise<void> {
  await markDeliveryFailed({ db, id: deliveryId });
  observeJobOutcome({ queue: QUEUE.webhookDelivery, outcome: "failed" });
}
