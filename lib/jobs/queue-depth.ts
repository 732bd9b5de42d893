import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { executeRows } from "../db/execute-rows";
import { QUEUE } from "./queues";
import type { QueueDepth } from "../metrics/registry";

/**
 * Jobs per queue and state for the queue-depth gauge, in one grouped query on pg-boss's own table
 * (what `getQueueSize` counts, for every queue at once: pg-boss's call is one query per queue and
 * state, and would start pg-boss in a web process that does not work the queue). Bounded in time so
 * a scrape never hangs on a busy database.
 */

const TIMEOUT_MS = 1_500;

export async function readQueueDepths(): Promise<QueueDepth[]> {
  const query = (async () => {
    const { db } = await getDatabase();
    const rows = await executeRows<QueueDepth>(
      db,
      sql`
      select name as queue, case when state = 'active' then 'active' else 'queued' end as state, count(*)::int as count
      from pgboss.job where state in ('created', 'retry', 'active') group by 1, 2`,
    );
    // Every known queue is reported, idle ones as 0, so a dashboard shows a flat line, not "no data".
    const depths = new Map<string, QueueDepth>();
    for (const queue of Object.values(QUEUE)) for (const state of ["queued", "active"] as const) depths.set(`${queue}/${state}`, { queue, state, count: 0 });
    for (const row of rows) depths.set(`${row.queue}/${row.state}`, { ...row, count: Number(row.count) });
    return [...depths.values()];
  })();
  query.catch(() => {});
  return Promise.race([
    query,
    sleep(TIMEOUT_MS, undefined, { ref: false }).then(() => {
      throw new Error(`the queue depth query did not answer within ${TIMEOUT_MS} ms`);
    }),
  ]);
}
