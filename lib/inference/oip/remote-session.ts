import type * as ort from "onnxruntime-node";
import { ApiError } from "../../errors";
import type { ModelEntry } from "../../models/manifest-schema";
import type { ModelSession } from "../inference-backend";
import type { OipClient } from "./oip-client";
import { valueMetadataOf } from "./model-metadata";

/**
 * A model served by a remote Open Inference Protocol server, with the surface the pipelines use of a
 * local ort.InferenceSession: input and output names and metadata from `GET /v2/models/{name}`, and
 * `run` as `POST /v2/models/{name}/infer`. This instance's manifest still says how to pre- and
 * post-process, so the backend must serve the same version of the model: checked once here rather
 * than discovered as wrong answers.
 */
export async function openRemoteSession(client: OipClient, entry: ModelEntry): Promise<ModelSession> {
  const metadata = await client.modelMetadata(entry.id);
  if (metadata.versions && metadata.versions.length > 0 && !metadata.versions.includes(entry.version)) {
    throw new ApiError(
      "model_unavailable",
      `The inference backend ${client.baseUrl} serves model "${entry.id}" in version(s) ${metadata.versions.join(", ")}, but this instance needs version ${entry.version}.`,
      { model: entry.id },
    );
  }
  let inputMetadata: ort.InferenceSession.ValueMetadata[];
  let outputMetadata: ort.InferenceSession.ValueMetadata[];
  try {
    inputMetadata = valueMetadataOf(metadata.inputs);
    outputMetadata = valueMetadataOf(metadata.outputs);
  } catch (error) {
    throw new ApiError("model_unavailable", `The inference backend ${client.baseUrl} describes model "${entry.id}" oddly: ${(error as Error).message}.`, { model: entry.id });
  }
  const outputNames = outputMetadata.map((o) => o.name);
  return {
    inputNames: inputMetadata.map((i) => i.name),
    outputNames,
    inputMetadata,
    outputMetadata,
    run: (feeds) => client.infer(entry.id, feeds, outputNames),
    // Nothing is held here: the backend owns the session.
    release: async () => {},
  };
}
