import { getFloat } from "./attributes";
import { indexGraph, type GraphIndex } from "./graph-index";
import { inferElementTypes } from "./infer-element-types";
import { tensorToFloat32 } from "./tensor-data";
import { DataType, type GraphProto, type NodeProto } from "./onnx-proto";
import { WEIGHT_INPUT } from "./qdq-nodes";

/**
 * Decides where QuantizeLinear/DequantizeLinear pairs go. ORT turns DQ -> op -> Q groups into int8
 * kernels (QLinearConv, QGemm, QLinearMatMul, QLinearAdd/Mul/Sigmoid/Concat/AveragePool...) and
 * drops a DQ -> op -> Q pair around data-movement ops (MaxPool, Slice, Reshape, Transpose) when
 * both sides share scale and zero point. Resize stays fp32: ORT's uint8 Resize measured 3x slower
 * than its fp32 one on YOLOX and PP-OCR. Every Q/DQ pair that does not fuse is extra work, so
 * the placement decides whether int8 is faster at all:
 *  - "weighted": only Conv/ConvTranspose/Gemm/MatMul inputs and outputs; elementwise ops between
 *    them (SiLU = Sigmoid+Mul, hardswish) run in fp32 between a DQ and a Q.
 *  - "all": also Add, Mul, Sigmoid, Concat, pools and data-movement ops, so chains of them stay
 *    uint8; data-movement outputs share their input's parameters so ORT can drop their Q/DQ.
 * `fp32Head` keeps the last weighted layer before each graph output (and everything after it) in
 * fp32: detection scores and box regressions are where int8 rounding shows first.
 */

export type QdqStrategy = "weighted" | "all";

export interface QdqPlanOptions {
  strategy: QdqStrategy;
  opTypes: string[];
  fp32Head: boolean;
  excludeNodes: string[];
  /** Activation tensors that must stay fp32 (from sensitivity tuning); ops reading or writing them stay fp32. */
  excludeTensors?: string[];
}

export interface QdqPlan {
  /** Ops that will run as int8 kernels (their activation inputs and outputs are quantized). */
  nodes: Set<NodeProto>;
  /** Activation tensors that get a Q/DQ pair, in graph order. */
  tensors: string[];
  /** [output, input]: the output reuses the input's quantization parameters. */
  tied: [string, string][];
}

const ELEMENTWISE = new Set(["Add", "Mul", "Sigmoid", "LeakyRelu", "Concat", "AveragePool", "GlobalAveragePool", "Softmax"]);
const DATA_MOVEMENT = new Set(["MaxPool", "Slice", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten"]);
/** Ops ORT folds into the QuantizeLinear after them when the quantized range already clips. */
const CLIPPING = new Set(["Relu", "Clip"]);

/** Which inputs of an op are activations that must be quantized for ORT to fuse it. */
function activationInputs(node: NodeProto, index: GraphIndex): string[] | undefined {
  const isConstant = (name: string) => index.initializers.has(name);
  if (WEIGHT_INPUT[node.opType] !== undefined) return isConstant(node.input[0]) ? undefined : [node.input[0]];
  if (node.opType === "Add" || node.opType === "Mul") {
    // Binary int8 kernels need both operands quantized. A scalar constant operand is quantized
    // exactly (see scalarConstantInput); other constants keep the op in fp32.
    const constants = node.input.filter(isConstant);
    if (constants.length === 0) return node.input.slice(0, 2);
    return constants.length === 1 && scalarConstantInput(node, index) ? node.input.filter((i) => !isConstant(i)) : undefined;
  }
  if (node.opType === "Concat") return node.input.some(isConstant) ? undefined : [...node.input];
  return node.input[0] && !isConstant(node.input[0]) ? [node.input[0]] : undefined;
}

/** The scalar float constant operand of an Add/Mul, if it has one. */
export function scalarConstantInput(node: NodeProto, index: GraphIndex): string | undefined {
  return node.input.find((i) => {
    const t = index.initializers.get(i);
    return t && t.dataType === DataType.FLOAT && t.dims.every((d) => Number(d) === 1);
  });
}

function headNodes(graph: GraphProto, index: GraphIndex, opTypes: string[]): Set<NodeProto> {
  const head = new Set<NodeProto>();
  const work = graph.output.map((o) => o.name);
  while (work.length) {
    const node = index.producer.get(work.pop()!);
    if (!node || head.has(node)) continue;
    head.add(node);
    if (opTypes.includes(node.opType)) continue; // the head ends at the last weighted layer
    for (const input of node.input) if (input && !index.initializers.has(input)) work.push(input);
  }
  return head;
}

function isClippingAtZero(node: NodeProto, index: GraphIndex): boolean {
  if (node.opType === "Relu") return true;
  if (node.opType !== "Clip") return false;
  const min = node.input[1] ? index.initializers.get(node.input[1]) : undefined;
  return min ? tensorToFloat32(min)[0] === 0 : getFloat(node, "min", -Infinity) === 0;
}

export function planQdq(graph: GraphProto, options: QdqPlanOptions): QdqPlan {
  const index = indexGraph(graph);
  const excluded = new Set(options.excludeNodes);
  const fp32Tensors = new Set(options.excludeTensors ?? []);
  const head = options.fp32Head ? headNodes(graph, index, options.opTypes) : new Set<NodeProto>();
  const candidate = (node: NodeProto) => {
    if (excluded.has(node.name) || head.has(node)) return false;
    if (options.opTypes.includes(node.opType)) return index.initializers.has(node.input[WEIGHT_INPUT[node.opType]]);
    return options.strategy === "all" && (ELEMENTWISE.has(node.opType) || DATA_MOVEMENT.has(node.opType));
  };
  const nodes = new Set<NodeProto>();
  const tensors = new Set<string>();
  const types = inferElementTypes(graph);
  const usable = (t: string) => !index.graphOutputs.has(t) && !index.initializers.has(t) && types.get(t) === DataType.FLOAT && !fp32Tensors.has(t);
  for (const node of graph.node) {
    if (!candidate(node)) continue;
    const inputs = activationInputs(node, index);
    // MatMul and Gemm also fuse with a float output (MatMulIntegerToFloat, QGemm), e.g. as the last layer.
    const floatOutputOk = node.opType === "MatMul" || node.opType === "Gemm";
    if (!inputs?.every(usable) || (!usable(node.output[0]) && !floatOutputOk)) continue;
    // Conv -> Relu/Clip(0, x): quantize after the clip; ORT then removes the clip and fuses the Conv.
    const readers = index.consumers.get(node.output[0]) ?? [];
    const clip = readers.length === 1 && CLIPPING.has(readers[0].opType) && isClippingAtZero(readers[0], index) ? readers[0] : undefined;
    const output = !usable(node.output[0])
      ? undefined
      : clip && usable(clip.output[0]) && !excluded.has(clip.name) && !head.has(clip)
        ? clip.output[0]
        : node.output[0];
    if (clip && fp32Tensors.has(clip.output[0])) continue;
    nodes.add(node);
    for (const input of inputs) tensors.add(input);
    if (output) tensors.add(output);
  }
  const tied: [string, string][] = [];
  for (const node of graph.node) {
    if (nodes.has(node) && DATA_MOVEMENT.has(node.opType) && tensors.has(node.output[0])) tied.push([node.output[0], node.input[0]]);
  }
  const order = new Map<string, number>();
  graph.input.forEach((v, i) => order.set(v.name, -1 - i));
  graph.node.forEach((n, i) => n.output.forEach((o) => order.set(o, i)));
  return { nodes, tensors: [...tensors].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), tied };
}
