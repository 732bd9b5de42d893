/**
 * `npm run worker`: a process that only works the job queue (batch items, webhooks, maintenance),
 * beside any number of web processes on the same PostgreSQL. On the embedded default (PGlite, one
 * process owns its folder) the web process works the queue itself, so this needs DATABASE_URL.
 * SIGTERM/SIGINT: finish the items in hand (up to 30 s), then exit.
 */
import { getDatabase } from "../lib/db/client";
import { getEnvOrExit } from "../lib/env";
import { stopJobQueue } from "../lib/jobs/job-queue";
import { startWorkers } from "../lib/jobs/start-workers";
import { log } from "../lib/log";

async function main() {
  const env = getEnvOrExit();
  if (!env.DATABASE_URL) {
    console.error("npm run worker needs DATABASE_URL (PostgreSQL): on the embedded PGlite default the web process (npm start) works the queue itself.");
    process.exit(1);
  }
  const database = await getDatabase();
  await startWorkers();
  log.info({ database: database.location }, "worker started");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing the items in hand");
    await stopJobQueue(30_000);
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
