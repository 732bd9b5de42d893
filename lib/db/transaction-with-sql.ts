import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import type { Database, DatabaseHandle } from "./client";
import * as schema from "./schema";

/** A transaction usable both through drizzle and as raw SQL (what pg-boss takes to enqueue inside it). */
export interface SqlTransaction {
  db: Database;
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `work` in one transaction on one connection, so rows written with drizzle and jobs enqueued
 * with pg-boss (`send(…, { db: tx })`) commit together or not at all: a batch is never stored
 * without its queued items, nor are items queued for a batch that was rolled back.
 */
export async function transactionWithSql<T>(handle: Pick<DatabaseHandle, "pool">, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await handle.pool.connect();
  try {
    await client.query("begin");
    const db = drizzle(client, { schema }) as unknown as Database;
    const result = await work({ db, executeSql: (text, values) => client.query(text, values) });
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
