import pkg from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";

/**
 * The ONNX protobuf classes (onnx-proto is CommonJS, so its namespace comes through the default
 * export) and the type names the rest of lib/optimize uses. int64 fields decode as `Long` objects;
 * `toNumber` turns them into plain numbers (every int64 we meet in a graph fits in 2^53).
 */

export const onnx = pkg.onnx;

// Decoded messages are class instances all the way down, but the generated typings declare nested
// fields as the loose `I...` interfaces (everything optional). These narrow them to what decode and
// `create` actually produce, so graph code does not need a null check on every field.
export interface TensorProto extends OnnxTypes.TensorProto {}
export interface AttributeProto extends OnnxTypes.AttributeProto {
  t?: TensorProto | null;
}
export interface ValueInfoProto extends OnnxTypes.ValueInfoProto {}
export interface NodeProto extends OnnxTypes.NodeProto {
  attribute: AttributeProto[];
}
export interface GraphProto extends OnnxTypes.GraphProto {
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
}
export interface OperatorSetIdProto extends OnnxTypes.OperatorSetIdProto {}
export interface ModelProto extends OnnxTypes.ModelProto {
  graph?: GraphProto | null;
  opsetImport: OperatorSetIdProto[];
}

export const DataType = onnx.TensorProto.DataType;
export const AttributeType = onnx.AttributeProto.AttributeType;

type LongLike = { toNumber(): number };

export function toNumber(value: number | LongLike | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}

export function createNode(properties: OnnxTypes.INodeProto): NodeProto {
  return onnx.NodeProto.create(properties) as NodeProto;
}

export function createAttribute(properties: OnnxTypes.IAttributeProto): AttributeProto {
  return onnx.AttributeProto.create(properties) as AttributeProto;
}
