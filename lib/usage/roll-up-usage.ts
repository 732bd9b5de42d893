import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { deleteHourlyBefore, deleteRawUsage, hourlyRowsByBucket, rawUsageBefore, upsertHourly } from "../db/queries/usage";
import type { ApiUsageRow } from "../db/schema";
import { executeRows } from "../db/execute-rows";
import { flushUsage } from "./usage-buffer";
import { addToHistogram, emptyHistogram, mergeHistograms } from "./latency-histogram";

/**
 * Moves finished hours of raw usage rows into hourly roll-ups, in batches, each batch in one
 * transaction (read, merge into the existing roll-up, delete the raw rows), so a row is always
 * counted exactly once. One instance at a time does it (a transaction-scoped advisory lock that the
 * others do not wait for). Roll-ups older than the retention are deleted.
 */

const ROLL_UP_LOCK_KEY = 7_411_502_047;
const BATCH_ROWS = 5_000;

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export function hourlyBucketKey(row: Pick<ApiUsageRow, "at" | "userId" | "keyId" | "route" | "status">): string {
  return [hourOf(row.at).toISOString(), row.userId ?? "-", row.keyId ?? "-", row.route, row.status].join("|");
}

export async function rollUpUsage({ db, now = new Date(), retentionDays }: { db: Database; now?: Date; retentionDays: number }): Promise<{ rolledUp: number }> {
  const cutoff = hourOf(now);
  await flushUsage(db);
  let rolledUp = 0;
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      const lockRows = await executeRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${ROLL_UP_LOCK_KEY}) as locked`);
      if (!lockRows[0]?.locked) return 0;
      const raw = await rawUsageBefore({ db: tx, before: cutoff, limit: BATCH_ROWS });
      if (raw.length === 0) return 0;
      const groups = new Map<string, (typeof raw)[number][]>();
      for (const row of raw) {
        const key = hourlyBucketKey(row);
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const existing = new Map((await hourlyRowsByBucket({ db: tx, buckets: [...groups.keys()] })).map((r) => [r.bucket, r]));
      const merged = [...groups].map(([bucket, rows]) => {
        const before = existing.get(bucket);
        const histogram = before ? mergeHistograms(emptyHistogram(), before.latencyHistogram) : emptyHistogram();
        for (const row of rows) addToHistogram(histogram, row.latencyMs);
        const first = rows[0];
        return {
          bucket,
          hour: hourOf(first.at),
          userId: first.userId,
          keyId: first.keyId,
          route: first.route,
          status: first.status,
          requests: (before?.requests ?? 0) + rows.length,
          latencyMsSum: (before?.latencyMsSum ?? 0) + rows.reduce((sum, r) => sum + r.latencyMs, 0),
          latencyHistogram: histogram,
          bytesIn: (before?.bytesIn ?? 0) + rows.reduce((sum, r) => sum + r.bytesIn, 0),
          bytesOut: (before?.bytesOut ?? 0) + rows.reduce((sum, r) => sum + r.bytesOut, 0),
        };
      });
      await upsertHourly({ db: tx, rows: merged });
      await deleteRawUsage({ db: tx, ids: raw.map((r) => r.id) });
      return raw.length;
    });
    rolledUp += moved;
    if (moved < BATCH_ROWS) break;
  }
  await deleteHourlyBefore({ db, before: new Date(now.getTime() - retentionDays * 86_400_000) });
  return { rolledUp };
}
