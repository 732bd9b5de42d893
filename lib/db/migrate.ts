import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { DatabaseHandle } from "./database-types";
import { executeRows } from "./execute-rows";

export const migrationsFolder = path.join(process.cwd(), "drizzle");

// Several app instances may start at once against one PostgreSQL: a transaction-scoped advisory
// lock lets exactly one of them apply migrations while the others wait, then find nothing to do.
const MIGRATION_LOCK_KEY = 7_411_502_024;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await migratePg(tx as never, { migrationsFolder });
  });
}

/** Number of migrations drizzle-kit generated into drizzle/ (the journal is the source of truth). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export interface MigrationStatus {
  applied: number;
  expected: number;
  upToDate: boolean;
}

export async function getMigrationStatus(handle: DatabaseHandle): Promise<MigrationStatus> {
  const expected = expectedMigrationCount();
  let applied = 0;
  try {
    const rows = await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    applied = Number(rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return { applied, expected, upToDate: applied >= expected };
}
