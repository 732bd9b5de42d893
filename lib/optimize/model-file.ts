import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "../domain-errors";
import { onnx, type ModelProto } from "./onnx-proto";

/** Reading and writing ONNX ModelProto files (protobuf, weights inline; external data is not used). */

/**
 * protobufjs fails on bad bytes with whatever its reader meets first (RangeError "index out of range",
 * Error "invalid wire type", a stack overflow on deeply nested subgraphs): all of them mean the same
 * thing to a caller, a file that is not an ONNX model, so they surface as one domain error.
 */
export function decodeModel(bytes: Uint8Array): ModelProto {
  try {
    return onnx.ModelProto.decode(bytes) as ModelProto;
  } catch (error) {
    throw new InvalidArgumentError(`The file is not a readable ONNX model: ${(error as Error)?.message ?? String(error)}.`, {
      field: "model",
      message: "not an ONNX model",
    });
  }
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function readModel(filePath: string): ModelProto {
  return decodeModel(readFileSync(filePath));
}

/** A deep copy, so a transform never mutates the parent it was given. */
export function cloneModel(model: ModelProto): ModelProto {
  return decodeModel(encodeModel(model));
}

export interface WrittenModel {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** Writes atomically (temp file + rename) so a reader never sees half a model. */
export function writeModel(model: ModelProto, filePath: string): WrittenModel {
  const bytes = encodeModel(model);
  mkdirSync(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, filePath);
  return { path: filePath, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}
