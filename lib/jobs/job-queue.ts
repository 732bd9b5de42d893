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
      await retryOnDeadlock(() => boss.createQueue(queue.name, queue));
      await retryOnDeadlock(() => boss.updateQueue(queue.name, queue));
    }
    return boss;
  });
}

/**
 * Several processes starting at once on one PostgreSQL each create the same queues; pg-boss's
 * create_queue (an insert plus a partition table) can deadlock against another process doing the
 * same. PostgreSQL aborts one of them (40P01), and trying again after the other has finished succeeds.
 */
async function retryOnDeadlock<T>(action: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const transient = code === "40P01" || code === "40001" || code === "23505";
      if (!transient || attempt >= attempts) throw error;
      log.info({ code, attempt }, "job queue set-up met a concurrent start; trying again");
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** Stops the queue (finishing work in hand, up to `timeoutMs`) and forgets it, e.g. on shutdown or in tests. */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  for (const pending of forgetProcessSingletons(KEY) as Promise<PgBoss>[]) {
    const boss = await pending.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
