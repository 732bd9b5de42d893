import "server-only";
import type { Database } from "../db/client";
import { deleteExpiredGuests } from "../db/queries/users";
import { getEnv } from "../env";
import { log } from "../log";
import { deleteStaleRateLimitCounters } from "../rate-limit/consume-rate-limit";
import { rollUpUsage } from "../usage/roll-up-usage";

/**
 * Housekeeping that keeps the tables bounded: roll finished hours of usage into hourly roll-ups
 * (and drop roll-ups past USAGE_RETENTION_DAYS), delete guests whose time is up, and delete
 * rate-limit counters of long-gone windows. Every instance runs it; the roll-up takes a lock the
 * others skip, and the deletes are idempotent.
 */

export async function runMaintenance({ db, now = new Date() }: { db: Database; now?: Date }) {
  const { rolledUp } = await rollUpUsage({ db, now, retentionDays: getEnv().USAGE_RETENTION_DAYS });
  const expiredGuests = await deleteExpiredGuests({ db, now });
  await deleteStaleRateLimitCounters({ db, now });
  return { rolledUp, expiredGuests };
}

const INTERVAL_MS = 5 * 60_000;
const globalForMaintenance = globalThis as unknown as { insightMaintenance?: NodeJS.Timeout };

export function scheduleMaintenance(db: Database): void {
  if (globalForMaintenance.insightMaintenance) return;
  const tick = () =>
    runMaintenance({ db })
      .then((done) => (done.rolledUp || done.expiredGuests ? log.info(done, "maintenance") : undefined))
      .catch((error) => log.warn({ err: error }, "maintenance failed; it runs again in 5 minutes"));
  globalForMaintenance.insightMaintenance = setInterval(tick, INTERVAL_MS);
  globalForMaintenance.insightMaintenance.unref();
  setTimeout(tick, 30_000).unref();
}
