import "server-only";
import PgBoss from "pg-boss";
import { getDatabase } from "../db/client";
import { getEnv } from "../env";
import { log } from "../log";
import { forgetProcessSingletons, processSingleton } from "../process-singletons";
import { queueDefinitions } from "./queues";

/**
 * The one job queue: pg-boss in the same database as everything else (PostgreSQL, or the embedded
 * PGlite through its socket), so jobs are stored, retried and shared by every process on the
 * database. Started once per process on first use.
 */

const KEY = "job-queue";

export function getJobQueue(): Promise<PgBoss> {
  return processSingleton(KEY, async () => {
    const handle = await getDatabase();
    const boss = new PgBoss({
      ...(handle.connection as PgBoss.DatabaseOptions),
      max: 4,
      schema: "pgboss",
      application_name: "insight-engine-jobs",
      // Expired (interrupted) jobs are noticed and retried within this many seconds.
      maintenanceIntervalSeconds: 15,
      monitorStateIntervalSeconds: 30,
    });
    boss.on("error", (error) => log.warn({ err: error }, "job queue error"));
    await boss.start();
    for (const queue of queueDefinitions(getEnv())) {
      await boss.createQueue(queue.name, queue);
      await boss.updateQueue(queue.name, queue);
    }
    return boss;
  });
}

/** Stops the queue (finishing work in hand, up to `timeoutMs`) and forgets it, e.g. on shutdown or in tests. */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  for (const pending of forgetProcessSingletons(KEY) as Promise<PgBoss>[]) {
    const boss = await pending.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
