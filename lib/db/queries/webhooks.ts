import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { webhookAttempts, webhookDeliveries, webhookSecrets, type WebhookAttemptRow, type WebhookDeliveryRow } from "../schema";

/** Webhook secrets (one per account), deliveries and their attempts. */

export async function getWebhookSecretCiphertext({ db, userId }: { db: Database; userId: string }): Promise<string | undefined> {
  const rows = await db.select({ ciphertext: webhookSecrets.secretCiphertext }).from(webhookSecrets).where(eq(webhookSecrets.userId, userId)).limit(1);
  return rows[0]?.ciphertext;
}

/** Stores the first secret, keeping an existing one (two first uses at once agree on one secret). */
export async function insertWebhookSecretIfMissing({ db, userId, ciphertext }: { db: Database; userId: string; ciphertext: string }): Promise<void> {
  await db.insert(webhookSecrets).values({ userId, secretCiphertext: ciphertext }).onConflictDoNothing();
}

export async function replaceWebhookSecret({ db, userId, ciphertext }: { db: Database; userId: string; ciphertext: string }): Promise<void> {
  await db
    .insert(webhookSecrets)
    .values({ userId, secretCiphertext: ciphertext })
    .onConflictDoUpdate({ target: webhookSecrets.userId, set: { secretCiphertext: ciphertext, rotatedAt: sql`now()` } });
}

export async function insertDelivery({
  db,
  values,
}: {
  db: Database;
  values: Omit<typeof webhookDeliveries.$inferInsert, "createdAt" | "attempts" | "status">;
}): Promise<void> {
  await db.insert(webhookDeliveries).values({ ...values, status: "pending" });
}

export async function getDelivery({ db, id }: { db: Database; id: string }): Promise<WebhookDeliveryRow | undefined> {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return rows[0];
}

/** Counts an attempt and records it; returns the attempt's number. */
export async function recordAttempt({
  db,
  deliveryId,
  statusCode,
  error,
  durationMs,
  delivered,
}: {
  db: Database;
  deliveryId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  delivered: boolean;
}): Promise<number> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, ...(delivered ? { status: "delivered", deliveredAt: sql`now()` } : {}) })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning({ attempts: webhookDeliveries.attempts });
  await db.insert(webhookAttempts).values({ deliveryId, attempt: row.attempts, statusCode, error, durationMs: Math.round(durationMs) });
  return row.attempts;
}

export async function markDeliveryFailed({ db, id }: { db: Database; id: string }): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed" })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending")));
}

/** A job's deliveries with their attempts, oldest first (the job's owner is checked by the caller's job query). */
export async function deliveriesOfJob({ db, jobId }: { db: Database; jobId: string }): Promise<(WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] })[]> {
  const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.jobId, jobId)).orderBy(asc(webhookDeliveries.createdAt)).limit(500);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        deliveries.map((d) => d.id),
      ),
    )
    .orderBy(asc(webhookAttempts.attempt));
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}
