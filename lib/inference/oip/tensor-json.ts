import * as ort from "onnxruntime-node";
import { ApiError } from "../../errors";
import {
  bytesPerElement,
  datatypeOfOrtType,
  fromHalfBits,
  integerRange,
  isOipDatatype,
  ortTypeOf,
  toHalfBits,
  typedArrayFor,
  type NumericDatatype,
} from "./datatypes";

/**
 * Open Inference Protocol tensors as JSON (`{name, shape, datatype, data}`, data flat in row-major
 * order or nested like the shape) or as raw little-endian bytes (the binary tensor data extension),
 * to and from ort.Tensor. Everything a client can get wrong is a 400 naming the tensor; nothing
 * here trusts the data to match the shape.
 */

export interface OipTensorJson {
  name: string;
  shape: number[];
  datatype: string;
  data?: unknown;
  parameters?: Record<string, unknown>;
}

/** Deeper tensors than this are refused before any work (no model here has more than 4 dimensions). */
const MAX_RANK = 16;

const invalid = (detail: string) => new ApiError("invalid_input", detail);

/** The element count of a shape, checked: whole non-negative dimensions, at most `maxElements` in all. */
export function elementCount(shape: readonly number[], name: string, maxElements = Number.POSITIVE_INFINITY): number {
  if (!Array.isArray(shape) || shape.length > MAX_RANK) throw invalid(`Tensor "${name}": shape must be an array of at most ${MAX_RANK} dimensions.`);
  let count = 1;
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0)
      throw invalid(`Tensor "${name}": shape [${shape.join(", ")}] must hold whole numbers >= 0 (-1 is only for metadata).`);
    count *= dim;
  }
  if (count > maxElements)
    throw invalid(`Tensor "${name}": shape [${shape.join(", ")}] holds ${count} elements, more than the ${maxElements} allowed per request.`);
  return count;
}

/** The data as one flat row-major list: given flat, or nested exactly like the shape. */
export function flattenData(data: unknown, shape: readonly number[], name: string): unknown[] {
  const count = elementCount(shape, name);
  if (!Array.isArray(data)) throw invalid(`Tensor "${name}": data must be an array (flat in row-major order, or nested like the shape).`);
  if (!data.some(Array.isArray)) {
    if (data.length !== count) throw invalid(`Tensor "${name}": shape [${shape.join(", ")}] holds ${count} elements but data has ${data.length}.`);
    return data;
  }
  const flat: unknown[] = [];
  const walk = (node: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw invalid(`Tensor "${name}": data${path} is nested deeper than the shape [${shape.join(", ")}].`);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      const got = Array.isArray(node) ? `${node.length} entries` : "a single value";
      throw invalid(`Tensor "${name}": data${path} has ${got} where the shape [${shape.join(", ")}] needs ${shape[depth]}.`);
    }
    node.forEach((child, i) => walk(child, depth + 1, `${path}[${i}]`));
  };
  walk(data, 0, "");
  return flat;
}

function checkDatatype(datatype: unknown, name: string): NumericDatatype {
  if (datatype === "BYTES") throw invalid(`Tensor "${name}": BYTES (string) tensors are not supported; every model served here takes numeric tensors.`);
  if (!isOipDatatype(datatype) || datatype === "BYTES")
    throw invalid(`Tensor "${name}": unknown datatype ${JSON.stringify(datatype)} (use one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64).`);
  return datatype;
}

function valuesToArray(datatype: NumericDatatype, values: unknown[], name: string) {
  const array = typedArrayFor(datatype, values.length);
  const bad = (i: number, what: string) => invalid(`Tensor "${name}": element ${i} is ${JSON.stringify(values[i])}, not ${what}.`);
  if (datatype === "BOOL") {
    values.forEach((v, i) => {
      if (typeof v !== "boolean") throw bad(i, "true or false");
      array[i] = v ? 1 : 0;
    });
    return array;
  }
  const range = integerRange[datatype];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw bad(i, `a ${datatype} number`);
    if (range && (!Number.isInteger(v) || v < range[0] || v > range[1])) throw bad(i, `a whole number in ${range[0]}..${range[1]} (${datatype})`);
    if (datatype === "FP16") array[i] = toHalfBits(v);
    else if (array instanceof BigInt64Array || array instanceof BigUint64Array) array[i] = BigInt(v);
    else array[i] = v;
  }
  return array;
}

function bytesToArray(datatype: NumericDatatype, bytes: Uint8Array, count: number, name: string) {
  const expected = count * bytesPerElement[datatype];
  if (bytes.byteLength !== expected)
    throw invalid(`Tensor "${name}": ${count} ${datatype} elements need ${expected} bytes of binary data, got ${bytes.byteLength}.`);
  const array = typedArrayFor(datatype, count);
  // Copied, not viewed: the body's offset need not be aligned for the element size.
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/**
 * A protocol tensor as an ort.Tensor. `binary` is its slice of the body when it came by the binary
 * extension (then `data` must be absent).
 */
export function tensorFromJson(tensor: OipTensorJson, options: { maxElements?: number; binary?: Uint8Array } = {}): ort.Tensor {
  const name = tensor.name;
  const datatype = checkDatatype(tensor.datatype, name);
  const count = elementCount(tensor.shape, name, options.maxElements);
  let array: ReturnType<typeof bytesToArray>;
  if (options.binary) {
    if (tensor.data !== undefined) throw invalid(`Tensor "${name}": give either data or binary_data_size, not both.`);
    array = bytesToArray(datatype, options.binary, count, name);
  } else {
    if (tensor.data === undefined) throw invalid(`Tensor "${name}": data is missing.`);
    array = valuesToArray(datatype, flattenData(tensor.data, tensor.shape, name), name);
  }
  return new ort.Tensor(ortTypeOf[datatype], array, [...tensor.shape]);
}

function jsonValues(datatype: NumericDatatype, data: ort.Tensor["data"]): unknown[] {
  if (datatype === "FP16") return Array.from(data as Uint16Array, fromHalfBits);
  if (datatype === "BOOL") return Array.from(data as Uint8Array, (v) => v !== 0);
  if (datatype === "INT64" || datatype === "UINT64") return Array.from(data as BigInt64Array, Number);
  return Array.from(data as ArrayLike<number>);
}

/** An ort.Tensor as a protocol tensor: JSON data, or (binary) its raw bytes with `binary_data_size`. */
export function tensorToJson(name: string, tensor: ort.Tensor, { binary = false } = {}): { json: OipTensorJson; bytes?: Uint8Array } {
  const datatype = datatypeOfOrtType(tensor.type);
  if (!datatype || datatype === "BYTES")
    throw new ApiError("unprocessable_content", `Output "${name}" is of type ${tensor.type}, which this server does not send.`);
  const shape = [...tensor.dims];
  if (!binary) return { json: { name, shape, datatype, data: jsonValues(datatype, tensor.data) } };
  const view = tensor.data as Exclude<ort.Tensor["data"], string[]>;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return { json: { name, shape, datatype, parameters: { binary_data_size: bytes.byteLength } }, bytes };
}
