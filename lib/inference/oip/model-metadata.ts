import type * as ort from "onnxruntime-node";
import { z } from "zod";
import { ApiError } from "../../errors";
import type { ModelEntry } from "../../models/manifest-schema";
import { datatypeOfOrtType, isOipDatatype, ortTypeOf, type OipDatatype } from "./datatypes";

/**
 * Model metadata of the Open Inference Protocol (`GET /v2/models/{name}`): both ways between it and
 * an ONNX Runtime session's input/output metadata. Dynamic dimensions (ONNX's symbolic names such as
 * "batch_size") are -1 in the protocol.
 */

export const ONNX_PLATFORM = "onnxruntime_onnx";

export const tensorMetadataSchema = z.object({
  name: z.string().min(1),
  datatype: z.string(),
  shape: z.array(z.number().int().min(-1)),
});
export type OipTensorMetadata = z.infer<typeof tensorMetadataSchema>;

export const modelMetadataSchema = z.object({
  name: z.string().min(1),
  versions: z.array(z.string()).optional(),
  platform: z.string().optional(),
  inputs: z.array(tensorMetadataSchema),
  outputs: z.array(tensorMetadataSchema),
});
export type OipModelMetadata = z.infer<typeof modelMetadataSchema>;

/** Session values as protocol tensor metadata; a model with non-tensor values cannot be served. */
export function tensorMetadataOf(values: readonly ort.InferenceSession.ValueMetadata[], modelId: string): OipTensorMetadata[] {
  return values.map((value) => {
    const datatype = value.isTensor ? datatypeOfOrtType(value.type) : undefined;
    if (!value.isTensor || !datatype) {
      throw new ApiError(
        "unprocessable_content",
        `Model "${modelId}" has a value "${value.name}" that is not a plain tensor; it cannot be served by the Open Inference Protocol.`,
      );
    }
    return { name: value.name, datatype, shape: value.shape.map((dim) => (typeof dim === "number" && dim >= 0 ? dim : -1)) };
  });
}

/** Protocol tensor metadata as session metadata, for a remote session that looks like a local one. */
export function valueMetadataOf(tensors: readonly OipTensorMetadata[]): ort.InferenceSession.ValueMetadata[] {
  return tensors.map((tensor) => {
    const datatype = tensor.datatype as OipDatatype;
    if (!isOipDatatype(datatype)) throw new Error(`tensor "${tensor.name}" has the unknown datatype ${tensor.datatype}`);
    return { name: tensor.name, isTensor: true, type: datatype === "BYTES" ? "string" : ortTypeOf[datatype], shape: tensor.shape };
  });
}

export function modelMetadataOf(
  entry: ModelEntry,
  session: { inputMetadata: readonly ort.InferenceSession.ValueMetadata[]; outputMetadata: readonly ort.InferenceSession.ValueMetadata[] },
): Required<OipModelMetadata> {
  return {
    name: entry.id,
    versions: [entry.version],
    platform: ONNX_PLATFORM,
    inputs: tensorMetadataOf(session.inputMetadata, entry.id),
    outputs: tensorMetadataOf(session.outputMetadata, entry.id),
  };
}
