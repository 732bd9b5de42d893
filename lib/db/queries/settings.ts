import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { appSettings } from "../schema";

export async function getSetting<T>({ db, key }: { db: Database; key: string }): Promise<T | undefined> {
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return rows[0]?.value as T | undefined;
}

export async function putSetting({ db, key, value }: { db: Database; key: string; value: unknown }): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
}

export interface InstanceRecord {
  firstStartedAt: string;
  lastStartedAt: string;
  startCount: number;
}

/** Counts a start of the app in the database (atomic, so concurrent instances on PostgreSQL both count). */
export async function recordInstanceStart({ db, now = new Date() }: { db: Database; now?: Date }): Promise<InstanceRecord> {
  const first: InstanceRecord = { firstStartedAt: now.toISOString(), lastStartedAt: now.toISOString(), startCount: 1 };
  const rows = await db
    .insert(appSettings)
    .values({ key: "instance", value: first })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: {
        value: sql`jsonb_build_object(
          'firstStartedAt', ${appSettings.value}->'firstStartedAt',
          'lastStartedAt', to_jsonb(${now.toISOString()}::text),
          'startCount', coalesce((${appSettings.value}->>'startCount')::int, 0) + 1)`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ value: appSettings.value });
  return rows[0].value as InstanceRecord;
}
