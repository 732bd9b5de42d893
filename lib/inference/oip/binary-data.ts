import { ApiError } from "../../errors";
import type { OipTensorJson } from "./tensor-json";
import { checkJsonShape, type JsonShapeLimits } from "./json-shape";

/**
 * The protocol's binary tensor data extension (as Triton implements it): the body is the JSON
 * header, `Inference-Header-Content-Length` bytes long, followed by the raw data of every tensor
 * whose `parameters.binary_data_size` is set, in the order the tensors are listed. It matters for
 * size: an OCR page is ~20 MB as float32 bytes and ~100 MB as JSON numbers.
 */

export const HEADER_LENGTH = "inference-header-content-length";

const invalid = (detail: string) => new ApiError("invalid_input", detail);

/** The JSON header and the binary part of a body; without the header-length header the whole body is JSON. */
export function splitInferBody(body: Uint8Array, headerLength: string | null, shape?: JsonShapeLimits): { header: unknown; binary: Uint8Array } {
  const length = headerLength === null ? body.byteLength : Number(headerLength);
  if (!Number.isSafeInteger(length) || length < 0 || length > body.byteLength) {
    throw invalid(`Inference-Header-Content-Length ${JSON.stringify(headerLength)} must be a whole number of bytes within the body (${body.byteLength}).`);
  }
  // Counted before parsing: a body of ten million tiny objects is refused without building them.
  if (shape) checkJsonShape(body.subarray(0, length), shape);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(body.buffer, body.byteOffset, length).toString("utf8"));
  } catch {
    throw invalid("The request's JSON header is not valid JSON.");
  }
  return { header, binary: body.subarray(length) };
}

/** One JSON header followed by binary chunks, and the header's length for `Inference-Header-Content-Length`. */
export function joinInferBody(header: unknown, chunks: readonly Uint8Array[]): { body: Uint8Array<ArrayBuffer>; headerLength: number } {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const body = new Uint8Array(json.byteLength + chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const part of [json, ...chunks]) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return { body, headerLength: json.byteLength };
}

/** The binary slice of each tensor that declares `binary_data_size`, by name; every byte must be claimed. */
export function takeBinaryTensors(tensors: readonly OipTensorJson[], binary: Uint8Array): Map<string, Uint8Array> {
  const slices = new Map<string, Uint8Array>();
  let offset = 0;
  for (const tensor of tensors) {
    const size = tensor.parameters?.binary_data_size;
    if (size === undefined) continue;
    if (!Number.isSafeInteger(size) || (size as number) < 0) throw invalid(`Tensor "${tensor.name}": binary_data_size must be a whole number of bytes.`);
    const end = offset + (size as number);
    if (end > binary.byteLength)
      throw invalid(`Tensor "${tensor.name}": binary_data_size ${size} reaches past the end of the body (${binary.byteLength} binary bytes).`);
    slices.set(tensor.name, binary.subarray(offset, end));
    offset = end;
  }
  if (offset !== binary.byteLength) throw invalid(`The body has ${binary.byteLength - offset} binary bytes that no tensor's binary_data_size claims.`);
  return slices;
}
