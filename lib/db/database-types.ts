import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type pg from "pg";
import type * as schema from "./schema";

// The handle's types apart from the code that opens it (client.ts), so the migrations and the row
// helpers it uses can name them without importing it back.

/** Both drivers expose the same drizzle pg-core API; code above this file never knows which one it has. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, without credentials: a folder for PGlite, host/database for PostgreSQL. */
  location: string;
  /** How another client of the same database connects (the job queue): node-postgres settings. */
  connection: pg.PoolConfig;
  /** The connection pool behind `db`, for work that needs one connection for several statements. */
  pool: pg.Pool;
  close(): Promise<void>;
}
