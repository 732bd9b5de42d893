import { getInt, getTensor } from "./attributes";
import { DataType, type GraphProto } from "./onnx-proto";

/**
 * The element type of every tensor, propagated through the graph by simple per-op rules. Exporters
 * such as Paddle2ONNX write no value_info, and the quantizer must not put a float Q/DQ pair on the
 * int64 shape arithmetic (Shape -> Cast -> Slice -> Concat -> Reshape) that sits beside the real
 * activations. Unknown ops take the type of their first input, which holds for the ops met here.
 */

const INT64_OUTPUT = new Set(["Shape", "Size", "NonZero", "ArgMax", "ArgMin"]);
const BOOL_OUTPUT = new Set(["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf"]);

export function inferElementTypes(graph: GraphProto): Map<string, number> {
  const types = new Map<string, number>();
  for (const input of graph.input) {
    const elemType = input.type?.tensorType?.elemType;
    if (elemType) types.set(input.name, elemType);
  }
  for (const t of graph.initializer) types.set(t.name, t.dataType);
  for (const info of [...graph.valueInfo, ...graph.output]) {
    const elemType = info.type?.tensorType?.elemType;
    if (elemType) types.set(info.name, elemType);
  }
  for (const node of graph.node) {
    let type: number | undefined;
    if (INT64_OUTPUT.has(node.opType)) type = DataType.INT64;
    else if (BOOL_OUTPUT.has(node.opType)) type = DataType.BOOL;
    else if (node.opType === "Cast") type = getInt(node, "to", DataType.FLOAT);
    else if (node.opType === "Constant") type = getTensor(node, "value")?.dataType ?? DataType.FLOAT;
    else if (node.opType === "ConstantOfShape") type = getTensor(node, "value")?.dataType ?? DataType.FLOAT;
    else if (node.opType === "QuantizeLinear") type = node.input[2] ? types.get(node.input[2]) : DataType.UINT8;
    else if (node.opType === "DequantizeLinear") type = DataType.FLOAT;
    else if (node.opType === "Where") type = types.get(node.input[1]);
    else type = types.get(node.input.find(Boolean) ?? "");
    for (const output of node.output) if (output && type !== undefined && !types.has(output)) types.set(output, type);
  }
  return types;
}
