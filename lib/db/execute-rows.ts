import type { SQL } from "drizzle-orm";
import type { Database } from "./database-types";

/**
 * Runs raw SQL and returns its rows (node-postgres hands back `{ rows }`; both databases are reached
 * through it, see embedded-pglite.ts).
 */
export async function executeRows<Row>(db: Pick<Database, "execute">, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return (result as { rows: Row[] }).rows;
}
