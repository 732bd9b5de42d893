import "server-only";
import { getLabelVocabulary } from "../analyze/image-text/label-vocabulary";
import { defaultModelFor } from "../inference/default-model";
import { loadSentenceEncoder } from "../inference/embed/load-sentence-encoder";
import { loadModel } from "../inference/session-pool";
import { log } from "../log";
import { warmSafetyThreads } from "../safety/off-loop/safety-pool";
import { getModelStore } from "../models/get-model-store";

/**
 * Loads every available ONNX model's session at start-up (so "ready" means the models are loaded and
 * the first request does not pay for it), then precomputes caches that make the first analysis fast
 * (the label vocabulary embeddings). Failures are recorded, never thrown: a missing model is a
 * feature that says `available: false`, not a dead instance.
 */

export interface WarmUpState {
  sessions: "pending" | "done";
  loaded: string[];
  failed: { id: string; reason: string }[];
  labelVocabulary: "pending" | "done" | "failed";
}

const globalForWarmUp = globalThis as unknown as { insightWarmUp?: { state: WarmUpState; sessionsDone: Promise<void> } };

export function getWarmUpState(): WarmUpState | undefined {
  return globalForWarmUp.insightWarmUp?.state;
}

/** Resolves when every ONNX session has loaded or failed (not waiting for the caches). */
export function sessionsWarm(): Promise<void> | undefined {
  return globalForWarmUp.insightWarmUp?.sessionsDone;
}

export function startWarmUp(): void {
  if (globalForWarmUp.insightWarmUp) return;
  const state: WarmUpState = { sessions: "pending", loaded: [], failed: [], labelVocabulary: "pending" };
  const sessionsDone = (async () => {
    const store = getModelStore();
    for (const model of store.list().filter((m) => m.runtime === "onnxruntime")) {
      try {
        await loadModel(model.id);
        state.loaded.push(model.id);
      } catch (error) {
        state.failed.push({ id: model.id, reason: (error as Error).message });
      }
    }
    state.sessions = "done";
    log.info({ loaded: state.loaded, failed: state.failed.map((f) => f.id) }, "model sessions loaded");
  })();
  globalForWarmUp.insightWarmUp = { state, sessionsDone };

  void sessionsDone.then(async () => {
    await warmSafetyThreads().catch((error: unknown) => log.warn({ err: error }, "the JavaScript worker threads could not be warmed"));
    try {
      await loadSentenceEncoder();
      const vocabulary = await getLabelVocabulary(defaultModelFor("image-classification"), defaultModelFor("object-detection"));
      state.labelVocabulary = "done";
      log.info({ entries: vocabulary.entries.length, buildMs: Math.round(vocabulary.buildMs) }, "label vocabulary ready");
    } catch (error) {
      state.labelVocabulary = "failed";
      log.warn({ err: error }, "label vocabulary could not be prepared; text-image relation falls back to lexical matching");
    }
  });
}
