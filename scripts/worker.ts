/**
 * `npm run worker`: a process that only works the job queue (batch items, webhooks, maintenance),
 * beside any number of web processes on the same PostgreSQL. On the embedded default (PGlite, one
 * process owns its folder) the web process works the queue itself, so this needs DATABASE_URL.
 * SIGTERM/SIGINT: the same ordered shutdown as the web process without its HTTP steps
 * (lib/instance/shutdown.ts): the items in hand finish or go back to the queue, ONNX sessions are
 * released, the database pool is ended, all within SHUTDOWN_TIMEOUT_MS; then exit 0.
 * It runs as `node --import tsx`, one process: the `tsx` command would run it as a child and SIGKILL
 * that child when it does not acknowledge a forwarded signal within 30 ms (an event loop busy with
 * an analysis does not), cutting the graceful shutdown off.
 */
import { getDatabase } from "../lib/db/client";
import { getEnvOrExit } from "../lib/env";
import { installShutdownHandlers, workerShutdownSteps } from "../lib/instance/shutdown";
import { startJobWorkers } from "../lib/instance/job-runners";
import { log } from "../lib/log";

async function main() {
  const env = getEnvOrExit();
  if (!env.DATABASE_URL) {
    console.error("npm run worker needs DATABASE_URL (PostgreSQL): on the embedded PGlite default the web process (npm start) works the queue itself.");
    process.exit(1);
  }
  installShutdownHandlers(workerShutdownSteps);
  const database = await getDatabase();
  await startJobWorkers();
  log.info({ database: database.location }, "worker started");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
