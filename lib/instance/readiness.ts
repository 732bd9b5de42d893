import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { getMigrationStatus, type MigrationStatus } from "../db/migrate";
import { getSetting, type InstanceRecord } from "../db/queries/settings";
import { getInferenceBackend, type BackendReadiness } from "../inference/inference-backend";
import { modelAvailability } from "../inference/session-pool";
import { getModelStore } from "../models/get-model-store";
import { shuttingDownSince } from "./shutdown-state";
import { getWarmUpState, sessionsWarm, type WarmUpState } from "./warm-up";

export interface ModelReadiness {
  id: string;
  task: string;
  available: boolean;
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  database: { ok: boolean; kind?: "pglite" | "postgres"; error?: string };
  migrations?: MigrationStatus;
  models: { ok: boolean; resolved: number; available: number; list: ModelReadiness[] };
  instance?: InstanceRecord;
  /** Where the ONNX models run; with a remote backend (INFERENCE_BACKEND_URL), its `/v2/health/ready`. */
  inference?: BackendReadiness;
  /** Session loading (part of readiness) and cache preparation (not part of it). */
  warmUp?: WarmUpState;
  /** Set once SIGTERM/SIGINT has begun the shutdown: never ready again. */
  shuttingDown?: { since: string; signal: string };
}

const DATABASE_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms, undefined, { ref: false }).then(() => {
      throw new Error(`${what} did not answer within ${ms} ms`);
    }),
  ]);
}

/**
 * Ready means: the database answers, every migration in drizzle/ is applied, the model store has
 * settled every model (found it, or recorded why it is unavailable), and a remote inference backend,
 * when there is one, says it is ready. A missing model does not make the
 * instance unready - its feature reports `available: false` - but an unsettled store does.
 */
export async function checkReadiness({ waitForModelsMs = 0 }: { waitForModelsMs?: number } = {}): Promise<ReadinessReport> {
  const report: ReadinessReport = { ready: false, database: { ok: false }, models: { ok: false, resolved: 0, available: 0, list: [] } };
  const shutdown = shuttingDownSince();
  if (shutdown) {
    // Answered without touching the database, which the shutdown is about to close.
    report.database = { ok: false, error: "the instance is shutting down" };
    return { ...report, shuttingDown: { since: new Date(shutdown.since).toISOString(), signal: shutdown.signal } };
  }
  try {
    const handle = await withTimeout(getDatabase(), DATABASE_TIMEOUT_MS, "the database");
    await withTimeout(handle.db.execute(sql`select 1`), DATABASE_TIMEOUT_MS, "the database");
    report.database = { ok: true, kind: handle.kind };
    report.migrations = await getMigrationStatus(handle);
    report.instance = await getSetting<InstanceRecord>({ db: handle.db, key: "instance" });
  } catch (error) {
    report.database = { ok: false, error: (error as Error).message };
  }

  const backend = getInferenceBackend();
  const backendCheck = backend.checkReady();
  const store = getModelStore();
  const settled = await Promise.all(
    store.list().map(async (model) => {
      // A model run by a remote backend is available when the backend describes it (its weights need not be here).
      const pending = backend.needsModelFile || model.runtime !== "onnxruntime" ? store.resolve(model.id) : modelAvailability(model.id);
      const outcome = await Promise.race([pending, sleep(waitForModelsMs, undefined, { ref: false })]);
      return { model, outcome };
    }),
  );
  for (const { model, outcome } of settled) {
    if (!outcome) continue;
    report.models.resolved += 1;
    if (outcome.available) report.models.available += 1;
    report.models.list.push({
      id: model.id,
      task: model.task,
      available: outcome.available,
      // Operators' view (this report is only shown whole to admins and the monitoring token): paths included.
      ...(outcome.available ? {} : { reason: outcome.detail ?? outcome.reason }),
    });
  }
  // "Models loaded": every ONNX session has been created (or its failure recorded) by the start-up warm-up.
  const warming = sessionsWarm();
  const sessionsLoaded = warming ? await Promise.race([warming.then(() => true), sleep(waitForModelsMs, false, { ref: false })]) : true;
  report.warmUp = getWarmUpState();
  report.models.ok = report.models.resolved === settled.length && sessionsLoaded;
  report.inference = await backendCheck;
  report.ready = report.database.ok && Boolean(report.migrations?.upToDate) && report.models.ok && report.inference.ok;
  return report;
}
