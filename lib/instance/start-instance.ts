import "server-only";
import { mkdirSync } from "node:fs";
import { getDatabase } from "../db/client";
import { recordInstanceStart } from "../db/queries/settings";
import { getEnvOrExit } from "../env";
import { log } from "../log";
import { getModelStore } from "../models/get-model-store";
import { ensureAuthSecret } from "../auth/auth-secret";
import { startJobWorkers } from "./job-runners";
import { registerVariantsAtStart, startModelLab } from "./model-lab";
import { installShutdownHandlers, webShutdownSteps } from "./shutdown";
import { sessionsWarm, startWarmUp } from "./warm-up";

/**
 * Runs once when the server process starts (from instrumentation.ts): validates the configuration,
 * prepares the data folder and secret, applies migrations, and starts settling the model store in
 * the background. A bad configuration stops the process with a message naming the variable; a
 * database that cannot be reached does not - /api/ready reports it until it can.
 */
export async function startInstance(): Promise<void> {
  const env = getEnvOrExit();
  mkdirSync(env.dataDir, { recursive: true });
  ensureAuthSecret();
  // Under `npm start` Next leaves the signals to us (see the comment in shutdown.ts); `next dev` keeps its own.
  if (env.NEXT_MANUAL_SIG_HANDLE) installShutdownHandlers(() => webShutdownSteps(env.SHUTDOWN_READINESS_DELAY_MS));

  let database: Awaited<ReturnType<typeof getDatabase>> | undefined;
  try {
    database = await getDatabase();
    const instance = await recordInstanceStart({ db: database.db });
    log.info({ database: database.kind, location: database.location, startCount: instance.startCount }, "database ready");
    if (env.WORK_QUEUE) void startJobWorkers().catch((error) => log.error({ err: error }, "the job queue could not be started; batches and webhooks wait"));
  } catch (error) {
    log.error({ err: error }, "database not ready at start-up; /api/ready will report it");
  }

  const store = getModelStore();
  for (const model of store.list()) {
    void store.resolve(model.id).then((availability) => {
      if (availability.available) log.info({ model: model.id, sources: availability.files.map((f) => f.source) }, "model found");
      else log.warn({ model: model.id, reason: availability.reason }, "model unavailable");
    });
  }
  startWarmUp();

  // After the sessions are loaded (readiness comes first): the model lab registers the optimised
  // variants and queues what is missing (lib/instance/model-lab.ts); every 30 s it registers variants
  // that workers elsewhere have produced since, so this instance serves them too.
  if (database) {
    const db = database.db;
    const register = () => registerVariantsAtStart(db).catch((error) => log.warn({ err: error }, "stored variants could not be registered"));
    void sessionsWarm()?.then(() => startModelLab(db).catch((error) => log.error({ err: error }, "the model lab could not queue its work")));
    setInterval(register, 30_000).unref();
  }
}
