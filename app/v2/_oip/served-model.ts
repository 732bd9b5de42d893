import "server-only";
import packageJson from "@/package.json";
import { ApiError } from "@/lib/errors";
import { checkReadiness } from "@/lib/instance/readiness";
import { getModelStore } from "@/lib/models/get-model-store";
import { loadModel, modelAvailability, type LoadedModel } from "@/lib/inference/session-pool";
import { modelMetadataOf, type OipModelMetadata } from "@/lib/inference/oip/model-metadata";

/**
 * What the /v2 routes serve: every ONNX model of the model store (the manifest's and the variants
 * the lab registered), by its id, in its one version. Models that run elsewhere (TensorFlow.js,
 * WebAssembly) are not ONNX and are not in this repository.
 */

export const SERVER_NAME = "insight-engine";
export const SERVER_EXTENSIONS = ["binary_tensor_data"];

export function serverMetadata() {
  return { name: SERVER_NAME, version: packageJson.version, extensions: SERVER_EXTENSIONS };
}

/** The store entry of a served model and version, or 404 naming what exists. */
function servedEntry(name: string, version?: string) {
  const entry = getModelStore().get(name);
  if (entry?.runtime !== "onnxruntime") {
    throw new ApiError(
      "not_found",
      `No ONNX model "${name}" is served here (GET /api/v1/models lists the models; those with runtime "onnxruntime" are served).`,
    );
  }
  if (version !== undefined && version !== entry.version) {
    throw new ApiError("not_found", `Model "${name}" has no version "${version}"; it is served in version "${entry.version}".`);
  }
  return entry;
}

/** The model's session (in this process or on the inference backend): 404 if not served, 503 if unavailable. */
export async function servedModel(name: string, version?: string): Promise<LoadedModel> {
  servedEntry(name, version);
  return loadModel(name);
}

export async function servedModelMetadata(name: string, version?: string): Promise<OipModelMetadata> {
  const loaded = await servedModel(name, version);
  return modelMetadataOf(loaded.entry, loaded.session);
}

/** A model is ready when its session is loaded (or can be); the reason when it cannot. */
export async function modelReadiness(name: string, version?: string): Promise<{ ready: boolean; reason?: string }> {
  servedEntry(name, version);
  const availability = await modelAvailability(name);
  return availability.available ? { ready: true } : { ready: false, reason: availability.reason };
}

/** Server readiness is the instance's readiness (GET /api/ready), waiting briefly for settling models. */
export async function serverReadiness(): Promise<{ ready: boolean }> {
  const report = await checkReadiness({ waitForModelsMs: 2_000 });
  return { ready: report.ready };
}
