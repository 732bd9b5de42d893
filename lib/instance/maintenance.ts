import "server-only";
import type { Database } from "../db/client";
import { deleteExpiredGuests } from "../db/queries/users";
import { getEnv } from "../env";
import { deleteStaleRateLimitCounters } from "../rate-limit/consume-rate-limit";
import { rollUpUsage } from "../usage/roll-up-usage";

/**
 * Housekeeping that keeps the tables bounded: roll finished hours of usage into hourly roll-ups
 * (and drop roll-ups past USAGE_RETENTION_DAYS), delete guests whose time is up, and delete
 * rate-limit counters of long-gone windows. A scheduled job of the queue (lib/jobs/start-workers.ts)
 * runs it every five minutes on one worker; the roll-up also takes a lock, and the deletes are idempotent.
 */

export async function runMaintenance({ db, now = new Date() }: { db: Database; now?: Date }) {
  const { rolledUp } = await rollUpUsage({ db, now, retentionDays: getEnv().USAGE_RETENTION_DAYS });
  const expiredGuests = await deleteExpiredGuests({ db, now });
  await deleteStaleRateLimitCounters({ db, now });
  return { rolledUp, expiredGuests };
}
