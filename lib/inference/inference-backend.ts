import "server-only";
import * as ort from "onnxruntime-node";
import { getEnv } from "../env";
import type { ModelEntry } from "../models/manifest-schema";
import { inferenceThreadLimit, openOffLoopSession } from "./off-loop/inference-threads";
import { OipClient } from "./oip/oip-client";
import { openRemoteSession } from "./oip/remote-session";
import type { ModelSession } from "./model-session";
import { sessionOptions } from "./session-options";

/**
 * Where the app's ONNX models run: in this process (ONNX Runtime), or on a remote Open Inference
 * Protocol v2 server (INFERENCE_BACKEND_URL: another instance of this app, Triton, KServe) so the web
 * tier scales apart from the inference tier. Chosen once per process from the environment; the
 * pipelines never know which, because both give them the same session surface.
 */

export type { ModelSession } from "./model-session";

export interface BackendReadiness {
  kind: "in-process" | "remote";
  ok: boolean;
  url?: string;
  error?: string;
}

export interface InferenceBackend {
  readonly kind: "in-process" | "remote";
  /** Whether the model's weights must be on this machine (a remote backend needs only labels, dictionaries...). */
  readonly needsModelFile: boolean;
  /** `files` are the model's local files by role, as the model store resolved them. */
  openSession(entry: ModelEntry, files: Record<string, string>): Promise<ModelSession>;
  checkReady(): Promise<BackendReadiness>;
}

const inProcessBackend: InferenceBackend = {
  kind: "in-process",
  needsModelFile: true,
  async openSession(entry, files) {
    // Options are built here, on the main thread, where the int8 remedy's probe result lives.
    const memoryArena = entry.serving?.memoryArena;
    if (inferenceThreadLimit() === 0) return ort.InferenceSession.create(files.model, await sessionOptions(files.model, { memoryArena }));
    // Each session has a thread of its own, and several run at once: ONNX Runtime's own choice (every
    // core per session) oversubscribes the cores, so unless ORT_INTRA_OP_THREADS says otherwise a
    // served session gets one intra-op thread (measured in docs/serving.md, "Model runs off the event loop").
    const options = await sessionOptions(files.model, { threads: getEnv().ORT_INTRA_OP_THREADS || 1, memoryArena });
    return openOffLoopSession(entry.id, files.model, options);
  },
  async checkReady() {
    return { kind: "in-process", ok: true };
  },
};

function remoteBackend(client: OipClient): InferenceBackend {
  return {
    kind: "remote",
    needsModelFile: false,
    openSession: (entry) => openRemoteSession(client, entry),
    async checkReady() {
      const { ok, error } = await client.serverReady();
      return { kind: "remote", url: client.baseUrl, ok, ...(error ? { error } : {}) };
    },
  };
}

const globalForBackend = globalThis as unknown as { insightInferenceBackend?: InferenceBackend };

export function getInferenceBackend(): InferenceBackend {
  if (!globalForBackend.insightInferenceBackend) {
    const env = getEnv();
    globalForBackend.insightInferenceBackend = env.INFERENCE_BACKEND_URL
      ? remoteBackend(new OipClient({ baseUrl: env.INFERENCE_BACKEND_URL, token: env.INFERENCE_BACKEND_TOKEN, timeoutMs: env.INFERENCE_BACKEND_TIMEOUT_MS }))
      : inProcessBackend;
  }
  return globalForBackend.insightInferenceBackend;
}
