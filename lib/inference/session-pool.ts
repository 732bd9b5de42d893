import "server-only";
import type * as ort from "onnxruntime-node";
import { InvalidArgumentError, ModelUnavailableError, OverloadedError, UnknownModelError } from "../domain-errors";
import { getEnv } from "../env";
import { observeInference, observeInferenceRefusal } from "../metrics/observe";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry } from "../models/manifest-schema";
import { forgetProcessSingletons, processSingleton } from "../process-singletons";
import { currentDeadline } from "../request-deadline";
import { getInferenceBackend, type ModelSession } from "./inference-backend";
import { ModelQueue, type TimedRun } from "./serving/model-queue";
import { hasBatchDimension, resolveServingConfig } from "./serving/serving-config";
import { withoutLocations } from "../models/without-locations";

export type { TimedRun } from "./serving/model-queue";

/**
 * One ONNX Runtime session per model variant per process, created on first use and shared by every
 * request (sessions are thread-safe for concurrent `run` calls). Creation is memoised as a promise
 * so concurrent first requests wait for one load instead of loading the model twice. With
 * INFERENCE_BACKEND_URL the session is a remote one (lib/inference/inference-backend.ts): same
 * surface, the model's weights never loaded here.
 *
 * Every model call goes through `runSession`. In process, it queues the call in the model's
 * ModelQueue (lib/inference/serving): dynamic batching, the bound on waiting requests and the
 * request deadline. A remote backend batches and bounds its own queue; here only the deadline is
 * checked before the call leaves.
 */

export interface LoadedModel {
  entry: ModelEntry;
  /** The model's first session: its input and output names and metadata are every session's. */
  session: ModelSession;
  /** In process: the queue in front of the model's sessions (absent for a remote backend). */
  queue?: ModelQueue;
  /** Every session of the model (more than one when its serving config asks for it). */
  sessions: ModelSession[];
  /** Paths of the model's other files by role (labels, dictionary...). */
  files: Record<string, string>;
  loadMs: number;
}

const SESSION_KEY = "onnx-session:";

/** The shared session of a model; throws ModelUnavailableError with the store's reason if it cannot be had. */
export function loadModel(modelId: string): Promise<LoadedModel> {
  return processSingleton(SESSION_KEY + modelId, () => createLoadedModel(modelId));
}

async function createLoadedModel(modelId: string): Promise<LoadedModel> {
  const store = getModelStore();
  const entry = store.get(modelId);
  if (!entry) throw new UnknownModelError(modelId);
  if (entry.runtime !== "onnxruntime") throw new InvalidArgumentError(`Model "${modelId}" does not run on ONNX Runtime.`);
  const backend = getInferenceBackend();
  const availability = backend.needsModelFile ? await store.resolve(modelId) : await store.resolveFiles(modelId, (role) => role !== "model");
  if (!availability.available) {
    throw new ModelUnavailableError(modelId, `Model "${modelId}" is not available: ${availability.reason}`);
  }
  const files = Object.fromEntries(availability.files.map((f) => [f.role, f.path]));
  const startedAt = performance.now();
  const session = await backend.openSession(entry, files);
  if (backend.kind === "remote") return { entry, session, sessions: [session], files, loadMs: performance.now() - startedAt };
  const env = getEnv();
  const config = resolveServingConfig(entry.serving, hasBatchDimension(session), {
    batchingEnabled: env.INFERENCE_BATCHING,
    queueLimit: env.INFERENCE_QUEUE_LIMIT,
  });
  const sessions = [session];
  while (sessions.length < config.sessions) sessions.push(await backend.openSession(entry, files));
  const queue = new ModelQueue({ id: entry.id, variant: entry.variant }, sessions, config);
  return { entry, session, sessions, queue, files, loadMs: performance.now() - startedAt };
}

/** Whether a model's session can be had, without throwing (for `available: false` answers). */
export async function modelAvailability(modelId: string): Promise<{ available: true } | { available: false; reason: string; detail: string }> {
  try {
    await loadModel(modelId);
    return { available: true };
  } catch (error) {
    // ONNX Runtime's load errors name the file's path; a remote backend's name its URL.
    const detail = error instanceof Error ? error.message : String(error);
    return { available: false, reason: withoutLocations(detail), detail };
  }
}

/** One model call, as every pipeline makes it; throws OverloadedError (503) when the model's queue refuses it. */
export async function runSession(loaded: LoadedModel, feeds: Record<string, ort.Tensor>): Promise<TimedRun> {
  if (loaded.queue) return loaded.queue.run(feeds);
  const deadline = currentDeadline();
  if (deadline && performance.now() >= deadline.deadlineAtMs) {
    observeInferenceRefusal({ model: loaded.entry.id, reason: "deadline_exceeded" });
    throw new OverloadedError(loaded.entry.id, "deadline_exceeded", 1, `Model "${loaded.entry.id}" was not asked: the request's deadline had passed.`);
  }
  const startedAt = performance.now();
  const outputs = await loaded.session.run(feeds);
  const runMs = performance.now() - startedAt;
  observeInference({ model: loaded.entry.id, variant: loaded.entry.variant, seconds: runMs / 1000 });
  return { outputs, runMs };
}

/** For tests and benchmarks that compare thread settings: drops every cached session. */
export async function releaseAllSessions(): Promise<void> {
  const pending = forgetProcessSingletons(SESSION_KEY) as Promise<LoadedModel>[];
  await Promise.allSettled(pending.map(async (p) => Promise.all((await p).sessions.map((session) => session.release()))));
}
