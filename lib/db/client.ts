import "server-only";
import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { getEnv } from "../env";
import type { Database, DatabaseHandle } from "./database-types";
import * as schema from "./schema";
import { startEmbeddedPglite } from "./embedded-pglite";
import { migrateDatabase } from "./migrate";

export type { Database, DatabaseHandle } from "./database-types";

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** node-postgres settings of a database already being served (another process's embedded PGlite socket). */
  connection?: pg.PoolConfig;
  /** PGlite data folder; `memory://` keeps it in memory (tests only). */
  pgliteDir?: string;
  poolMax?: number;
  /** Apply pending migrations before handing out the handle (default true). */
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url
    ? openPostgres({ connectionString: options.url }, options.poolMax ?? 10)
    : options.connection
      ? openPostgres(options.connection, options.poolMax ?? 10)
      : await openPglite(options.pgliteDir, options.poolMax ?? 10);
  if (options.migrate !== false) {
    try {
      await migrateDatabase(handle);
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }
  return handle;
}

async function openPglite(dir = "memory://", poolMax: number): Promise<DatabaseHandle> {
  const embedded = await startEmbeddedPglite(dir);
  const handle = openPostgres(embedded.connection, poolMax);
  return {
    ...handle,
    kind: "pglite",
    location: dir,
    async close() {
      await handle.close();
      await embedded.close();
    },
  };
}

function openPostgres(connection: pg.PoolConfig, poolMax: number): DatabaseHandle {
  const pool = new pg.Pool({ ...connection, max: poolMax });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  let location = "embedded";
  if (connection.connectionString) {
    const parsed = new URL(connection.connectionString);
    location = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  }
  return {
    db: drizzlePg(pool, { schema }) as unknown as Database,
    kind: "postgres",
    location,
    connection,
    pool,
    close: () => pool.end(),
  };
}

const globalForDb = globalThis as unknown as { insightDb?: Promise<DatabaseHandle>; insightDbClosed?: boolean };

/** The process-wide database, opened and migrated on first use (one per process, kept across dev reloads). */
export function getDatabase(): Promise<DatabaseHandle> {
  // After a shutdown closed it, late callers fail rather than open the data folder a second time.
  if (globalForDb.insightDbClosed) return Promise.reject(new Error("the database is closed: the process is shutting down"));
  if (!globalForDb.insightDb) {
    const env = getEnv();
    const opening = openDatabase({
      url: env.DATABASE_URL,
      pgliteDir: path.join(env.dataDir, "pglite"),
      poolMax: env.DATABASE_POOL_MAX,
    });
    // A failed open is not cached, so the next request (or readiness probe) tries again.
    opening.catch(() => {
      if (globalForDb.insightDb === opening) globalForDb.insightDb = undefined;
    });
    globalForDb.insightDb = opening;
  }
  return globalForDb.insightDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/**
 * Closes the process's database, if one was opened: the node-postgres pool is ended and, on the
 * embedded default, PGlite is closed (its socket server stopped, then the database checkpointed and
 * its files released), so the data folder is consistent for the next start.
 */
export async function closeDatabase(): Promise<void> {
  const opening = globalForDb.insightDb;
  globalForDb.insightDb = undefined;
  globalForDb.insightDbClosed = true;
  const handle = await opening?.catch(() => undefined);
  await handle?.close();
}
