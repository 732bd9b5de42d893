import "server-only";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { loadSentenceEncoder } from "../../inference/embed/load-sentence-encoder";
import { getModelStore } from "../../models/get-model-store";
import { processSingleton } from "../../process-singletons";

/**
 * NSFWJS (MobileNetV2) on TF.js with the WebAssembly backend. The model store verifies the bundled
 * weight files by sha256 first; the package's own loader then reads them (they are JavaScript bundles
 * that only nsfwjs knows how to unpack). Loaded once per process.
 */

export const NSFW_MODEL_ID = "nsfw-mobilenetv2";
export const NSFW_INPUT_SIZE = 224;

type NsfwModule = typeof import("nsfwjs");
type TfModule = typeof import("@tensorflow/tfjs");
export interface NsfwRuntime {
  model: Awaited<ReturnType<NsfwModule["load"]>>;
  tf: TfModule;
}

export type NsfwLoad = { available: true; runtime: NsfwRuntime } | { available: false; reason: string };

async function loadUncached(): Promise<NsfwLoad> {
  const availability = await getModelStore().resolve(NSFW_MODEL_ID);
  if (!availability.available) return { available: false, reason: availability.reason };
  try {
    // Every copy of TF.js in the process shares one global engine and kernel registry. The sentence
    // encoder's package brings its own WebAssembly backend; registering @tensorflow/tfjs-backend-wasm
    // on top of it breaks both ("wasmPadV2 is not a function"). So the encoder's backend is set up
    // first and reused; only when the encoder is unavailable is our own WebAssembly backend registered.
    // A worker thread (lib/workers) has an engine of its own and never loads the encoder: skip it there.
    if (isMainThread) await loadSentenceEncoder().catch(() => undefined);
    const tf = await import("@tensorflow/tfjs");
    if (tf.getBackend() !== "wasm") {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      wasm.setWasmPaths(`${path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist")}${path.sep}`);
      if (!(await tf.setBackend("wasm"))) await tf.setBackend("cpu");
    }
    const nsfwjs = await import("nsfwjs");
    const model = await nsfwjs.load("MobileNetV2", { size: NSFW_INPUT_SIZE });
    return { available: true, runtime: { model, tf } };
  } catch (error) {
    return { available: false, reason: `nsfwjs could not load its MobileNetV2 bundle: ${(error as Error).message}` };
  }
}

export function loadNsfwModel(): Promise<NsfwLoad> {
  return processSingleton("nsfw", loadUncached);
}
