import "server-only";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { apiUsage, apiUsageHourly, type ApiUsageHourlyRow, type ApiUsageRow } from "../schema";

/** Usage rows and their hourly roll-ups. Reads are scoped to one user unless the caller asks for all (admin, public totals). */

export type NewUsageRow = Omit<typeof apiUsage.$inferInsert, "id">;

/** One statement for a flush of buffered rows (lib/usage/usage-buffer.ts). */
export async function insertUsageRows({ db, rows }: { db: Database; rows: readonly NewUsageRow[] }): Promise<void> {
  if (rows.length) await db.insert(apiUsage).values([...rows]);
}

export async function rawUsageBefore({ db, before, limit }: { db: Database; before: Date; limit: number }): Promise<ApiUsageRow[]> {
  return db.select().from(apiUsage).where(lt(apiUsage.at, before)).orderBy(apiUsage.at).limit(limit);
}

export async function deleteRawUsage({ db, ids }: { db: Database; ids: string[] }): Promise<void> {
  if (ids.length) await db.delete(apiUsage).where(inArray(apiUsage.id, ids));
}

export async function hourlyRowsByBucket({ db, buckets }: { db: Database; buckets: string[] }): Promise<ApiUsageHourlyRow[]> {
  return buckets.length ? db.select().from(apiUsageHourly).where(inArray(apiUsageHourly.bucket, buckets)) : [];
}

export async function upsertHourly({ db, rows }: { db: Database; rows: (typeof apiUsageHourly.$inferInsert)[] }): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(apiUsageHourly)
    .values(rows)
    .onConflictDoUpdate({
      target: apiUsageHourly.bucket,
      set: {
        requests: sql`excluded.requests`,
        latencyMsSum: sql`excluded.latency_ms_sum`,
        latencyHistogram: sql`excluded.latency_histogram`,
        bytesIn: sql`excluded.bytes_in`,
        bytesOut: sql`excluded.bytes_out`,
      },
    });
}

export async function deleteHourlyBefore({ db, before }: { db: Database; before: Date }): Promise<void> {
  await db.delete(apiUsageHourly).where(lt(apiUsageHourly.hour, before));
}

/** Raw rows since `since` (the not yet rolled-up recent past), for one user or for everyone. */
export async function rawUsageSince({ db, since, userId }: { db: Database; since: Date; userId?: string }): Promise<ApiUsageRow[]> {
  const where = userId ? and(gte(apiUsage.at, since), eq(apiUsage.userId, userId)) : gte(apiUsage.at, since);
  return db.select().from(apiUsage).where(where);
}

export async function hourlyUsageSince({ db, since, userId }: { db: Database; since: Date; userId?: string }): Promise<ApiUsageHourlyRow[]> {
  const where = userId ? and(gte(apiUsageHourly.hour, since), eq(apiUsageHourly.userId, userId)) : gte(apiUsageHourly.hour, since);
  return db.select().from(apiUsageHourly).where(where);
}
