import type * as ort from "onnxruntime-node";
import { ApiError } from "../../errors";
import type { ModelEntry } from "../../models/manifest-schema";
import type { ModelSession } from "../model-session";
import type { OipClient } from "./oip-client";
import { valueMetadataOf } from "./model-metadata";

/**
 * A model served by a remote Open Inference Protocol server, with the surface the pipelines use of a
 * local ort.InferenceSession: input and output names and metadata from `GET /v2/models/{name}`, and
 * `run` as `POST /v2/models/{name}/infer`. This instance's manifest still says how to pre- and
 * post-process, so the backend must serve the same version of the model, with the tensors the
 * manifest names: checked once here rather than discovered as wrong answers.
 */
export async function openRemoteSession(client: OipClient, entry: ModelEntry): Promise<ModelSession> {
  const metadata = await client.modelMetadata(entry.id);
  // Triton's and KServe's repositories number versions (1, 2...), which cannot carry the manifest's
  // version names: against those only the tensors below are checked.
  const versions = metadata.versions ?? [];
  if (versions.some((v) => !/^\d+$/.test(v)) && !versions.includes(entry.version)) {
    throw new ApiError(
      "model_unavailable",
      `The inference backend serves model "${entry.id}" in version(s) ${versions.join(", ")}, but this instance needs version ${entry.version}.`,
      { model: entry.id },
    );
  }
  let inputMetadata: ort.InferenceSession.ValueMetadata[];
  let outputMetadata: ort.InferenceSession.ValueMetadata[];
  try {
    inputMetadata = valueMetadataOf(metadata.inputs);
    outputMetadata = valueMetadataOf(metadata.outputs);
  } catch (error) {
    throw new ApiError("model_unavailable", `The inference backend describes model "${entry.id}" oddly: ${(error as Error).message}.`, {
      model: entry.id,
    });
  }
  const outputNames = outputMetadata.map((o) => o.name);
  const missing = [entry.input?.tensor, entry.output && "tensor" in entry.output ? entry.output.tensor : undefined].filter(
    (name): name is string => Boolean(name) && !inputMetadata.some((i) => i.name === name) && !outputNames.includes(name!),
  );
  if (missing.length) {
    throw new ApiError(
      "model_unavailable",
      `The inference backend's model "${entry.id}" lacks the tensor(s) ${missing.join(", ")} this instance's manifest names.`,
      { model: entry.id },
    );
  }
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
