import { DataType, onnx, toNumber, type TensorProto } from "./onnx-proto";

/**
 * TensorProto <-> typed arrays. ONNX stores values either in `raw_data` (little-endian bytes) or in
 * the typed repeated fields (`float_data`, `int64_data`...); readers accept both, writers always use
 * raw_data, which is what exporters emit and what ORT loads fastest.
 */

export function tensorDims(tensor: TensorProto): number[] {
  return tensor.dims.map((d) => toNumber(d));
}

export function elementCount(dims: number[]): number {
  return dims.reduce((product, d) => product * d, 1);
}

function rawBytes(tensor: TensorProto): Uint8Array | undefined {
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw new Error(`tensor ${tensor.name} keeps its data in an external file, which is not supported`);
  }
  // Decoded raw_data is a view into the file buffer at any offset; copy it so typed views are aligned.
  return tensor.rawData && tensor.rawData.byteLength > 0 ? new Uint8Array(tensor.rawData) : undefined;
}

export function tensorToFloat32(tensor: TensorProto): Float32Array {
  if (tensor.dataType !== DataType.FLOAT) {
    throw new Error(`tensor ${tensor.name} is ${DataType[tensor.dataType]}, not FLOAT`);
  }
  const raw = rawBytes(tensor);
  const values = raw ? new Float32Array(raw.buffer, 0, raw.byteLength / 4) : Float32Array.from(tensor.floatData);
  const expected = elementCount(tensorDims(tensor));
  if (values.length !== expected) throw new Error(`tensor ${tensor.name} holds ${values.length} values, dims say ${expected}`);
  return values;
}

/** Integer tensors (axes, shapes, starts/ends) as plain numbers. */
export function tensorToIntegers(tensor: TensorProto): number[] {
  const raw = rawBytes(tensor);
  switch (tensor.dataType) {
    case DataType.INT64:
      return raw ? Array.from(new BigInt64Array(raw.buffer, 0, raw.byteLength / 8), Number) : tensor.int64Data.map(toNumber);
    case DataType.INT32:
      return raw ? Array.from(new Int32Array(raw.buffer, 0, raw.byteLength / 4)) : [...tensor.int32Data];
    case DataType.INT8:
      return raw ? Array.from(new Int8Array(raw.buffer, 0, raw.byteLength)) : [...tensor.int32Data];
    case DataType.UINT8:
      return raw ? Array.from(raw) : [...tensor.int32Data];
    default:
      throw new Error(`tensor ${tensor.name} is ${DataType[tensor.dataType]}, not an integer type`);
  }
}

function withRaw(name: string, dims: number[], dataType: number, bytes: Uint8Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType, rawData: bytes });
}

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

export function float32Tensor(name: string, dims: number[], values: Float32Array | number[]): TensorProto {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  if (data.length !== elementCount(dims)) throw new Error(`float32Tensor ${name}: ${data.length} values for dims ${dims}`);
  return withRaw(name, dims, DataType.FLOAT, bytesOf(data));
}

export function int8Tensor(name: string, dims: number[], values: Int8Array): TensorProto {
  return withRaw(name, dims, DataType.INT8, bytesOf(values));
}

export function uint8Tensor(name: string, dims: number[], values: Uint8Array): TensorProto {
  return withRaw(name, dims, DataType.UINT8, bytesOf(values));
}

export function int32Tensor(name: string, dims: number[], values: Int32Array): TensorProto {
  return withRaw(name, dims, DataType.INT32, bytesOf(values));
}

export function int64Tensor(name: string, dims: number[], values: number[]): TensorProto {
  return withRaw(name, dims, DataType.INT64, bytesOf(BigInt64Array.from(values, (v) => BigInt(v))));
}

/** Replaces a float tensor's values in place (same name), keeping or changing its dims. */
export function setFloat32(tensor: TensorProto, values: Float32Array, dims = tensorDims(tensor)): void {
  if (values.length !== elementCount(dims)) throw new Error(`setFloat32 ${tensor.name}: ${values.length} values for dims ${dims}`);
  tensor.dims = dims;
  tensor.dataType = DataType.FLOAT;
  tensor.floatData = [];
  tensor.rawData = new Uint8Array(bytesOf(values));
}
