import { getInt, getInts, getString } from "./attributes";
import { sortTopologically } from "./check-graph";
import { attachBias, indexGraph, type GraphIndex } from "./graph-index";
import type { GraphProto, NodeProto, TensorProto } from "./onnx-proto";
import { setFloat32, tensorDims, tensorToFloat32 } from "./tensor-data";

/**
 * Folds multiplications and additions by constants into neighbouring Convs, where the result is
 * exactly the same function:
 *  - after a Conv: Conv -> Mul(c) -> Add(d) becomes one Conv with w * c and b * c + d;
 *  - before a Conv: Mul(c) -> Conv always folds into the weights (zero padding stays zero);
 *    Add(d) -> Conv only when the Conv pads nothing (at padded borders d would be missing).
 * c and d must be scalars or one value per channel. PP-OCRv4's PP-LCNetV3 backbone has such
 * "learnable affine" pairs around every activation; each is a full pass over a large tensor that
 * also keeps ORT from fusing int8 kernels across it.
 */

type Constant = { values: Float32Array; perChannel: boolean };

function constantOperand(node: NodeProto, index: GraphIndex, channels: number): { constant: Constant; other: string } | undefined {
  if (node.opType !== "Mul" && node.opType !== "Add") return undefined;
  const [a, b] = node.input;
  const constName = index.initializers.has(b) ? b : index.initializers.has(a) ? a : undefined;
  if (!constName) return undefined;
  const tensor = index.initializers.get(constName)!;
  if (tensor.dataType !== 1) return undefined;
  const dims = tensorDims(tensor);
  const count = dims.reduce((p, d) => p * d, 1);
  const values = tensorToFloat32(tensor);
  if (count === 1) return { constant: { values, perChannel: false }, other: constName === b ? a : b };
  // [C,1,1] or [1,C,1,1] against NCHW.
  const nonUnit = dims.filter((d) => d !== 1);
  const fromEnd = dims.length - dims.findIndex((d) => d !== 1);
  if (nonUnit.length === 1 && nonUnit[0] === channels && fromEnd === 3) return { constant: { values, perChannel: true }, other: constName === b ? a : b };
  return undefined;
}

const at = (c: Constant, i: number) => (c.perChannel ? c.values[i] : c.values[0]);
const single = (index: GraphIndex, tensor: string) => (index.consumers.get(tensor)?.length ?? 0) === 1 && !index.graphOutputs.has(tensor);

/** Output channels of a Conv ([O, I/g, ...]) or a one-group ConvTranspose ([I, O, ...]). */
function outputChannels(conv: NodeProto, weight: TensorProto): number {
  return conv.opType === "ConvTranspose" ? tensorDims(weight)[1] : tensorDims(weight)[0];
}

function convParams(conv: NodeProto, index: GraphIndex, graph: GraphProto): { weight: TensorProto; bias: TensorProto } | undefined {
  const weight = index.initializers.get(conv.input[1]);
  if (weight?.dataType !== 1 || (index.consumers.get(weight.name)?.length ?? 0) > 1) return undefined;
  if (conv.opType === "ConvTranspose" && getInt(conv, "group", 1) !== 1) return undefined;
  let bias = conv.input[2] ? index.initializers.get(conv.input[2]) : undefined;
  if (conv.input[2] && (!bias || (index.consumers.get(bias.name)?.length ?? 0) > 1)) return undefined;
  if (!bias) {
    bias = attachBias(graph, index, conv, `${conv.name}_bias`, new Float32Array(outputChannels(conv, weight)));
  }
  return { weight, bias };
}

/** Conv/ConvTranspose -> Mul/Add(const): returns true when one op was folded. */
function foldAfter(graph: GraphProto, index: GraphIndex, conv: NodeProto, removed: Set<NodeProto>): boolean {
  if ((conv.opType !== "Conv" && conv.opType !== "ConvTranspose") || !single(index, conv.output[0])) return false;
  const next = index.consumers.get(conv.output[0])![0];
  const weight = index.initializers.get(conv.input[1]);
  if (!weight || removed.has(next)) return false;
  const outChannels = outputChannels(conv, weight);
  const operand = constantOperand(next, index, outChannels);
  if (!operand || operand.other !== conv.output[0]) return false;
  const params = convParams(conv, index, graph);
  if (!params) return false;
  const w = tensorToFloat32(params.weight).slice();
  const b = tensorToFloat32(params.bias).slice();
  const dims = tensorDims(params.weight);
  const inner = dims.slice(2).reduce((p, d) => p * d, 1);
  // Conv: channel o owns one contiguous block; ConvTranspose: one block per input channel.
  const blocks = conv.opType === "ConvTranspose" ? dims[0] : 1;
  const blockSize = conv.opType === "ConvTranspose" ? inner : w.length / outChannels;
  for (let o = 0; o < outChannels; o++) {
    const k = at(operand.constant, o);
    if (next.opType === "Mul") {
      for (let blk = 0; blk < blocks; blk++) {
        const base = conv.opType === "ConvTranspose" ? (blk * outChannels + o) * inner : o * blockSize;
        for (let i = 0; i < blockSize; i++) w[base + i] *= k;
      }
      b[o] *= k;
    } else b[o] += k;
  }
  setFloat32(params.weight, w);
  setFloat32(params.bias, b);
  conv.output[0] = next.output[0];
  removed.add(next);
  return true;
}

/** Mul/Add(const) -> Conv(s): returns true when folded into every consuming Conv. */
function foldBefore(graph: GraphProto, index: GraphIndex, node: NodeProto, removed: Set<NodeProto>): boolean {
  const consumers = index.consumers.get(node.output[0]) ?? [];
  if (!consumers.length || index.graphOutputs.has(node.output[0]) || removed.has(node)) return false;
  if (!consumers.every((c) => c.opType === "Conv" && c.input[0] === node.output[0] && !removed.has(c))) return false;
  const firstWeight = index.initializers.get(consumers[0].input[1]);
  if (!firstWeight) return false;
  const depthwise = (c: NodeProto) => getInt(c, "group", 1) > 1;
  const inChannels = depthwise(consumers[0]) ? tensorDims(firstWeight)[0] : tensorDims(firstWeight)[1];
  const operand = constantOperand(node, index, inChannels);
  if (!operand) return false;
  const padded = (c: NodeProto) => (getInts(c, "pads") ?? []).some((p) => p !== 0) || !["NOTSET", "VALID", undefined].includes(getString(c, "auto_pad"));
  if (node.opType === "Add" && consumers.some(padded)) return false;
  const all = consumers.map((c) => ({ conv: c, params: convParams(c, index, graph) }));
  if (all.some((x) => !x.params)) return false;
  for (const { conv, params } of all) {
    const dims = tensorDims(params!.weight);
    const [outChannels, perGroupIn] = dims;
    const kernel = dims.slice(2).reduce((p, d) => p * d, 1);
    const groups = getInt(conv, "group", 1);
    if (groups !== 1 && !(groups === outChannels && perGroupIn === 1)) return false; // only plain and depthwise
    const w = tensorToFloat32(params!.weight).slice();
    const b = tensorToFloat32(params!.bias).slice();
    for (let o = 0; o < outChannels; o++) {
      for (let c = 0; c < perGroupIn; c++) {
        const inChannel = groups === 1 ? c : o;
        const k = at(operand.constant, inChannel);
        for (let i = 0; i < kernel; i++) {
          const j = (o * perGroupIn + c) * kernel + i;
          if (node.opType === "Mul") w[j] *= k;
          else b[o] += w[j] * k;
        }
      }
    }
    setFloat32(params!.weight, w);
    setFloat32(params!.bias, b);
    conv.input[0] = operand.other;
  }
  removed.add(node);
  return true;
}

/**
 * Mul(c) -> Add(d) -> padded Conv: only the Mul could fold, but it is not next to the Conv. Rewrites
 * it as Add(d / c) -> Mul(c) (same function for c != 0), so the next pass folds the Mul.
 */
function swapMulAdd(index: GraphIndex, mul: NodeProto, removed: Set<NodeProto>): boolean {
  if (mul.opType !== "Mul" || !single(index, mul.output[0]) || removed.has(mul)) return false;
  const add = index.consumers.get(mul.output[0])![0];
  if (add.opType !== "Add" || removed.has(add) || !(index.consumers.get(add.output[0]) ?? []).every((c) => c.opType === "Conv")) return false;
  const scale = constantOperand(mul, index, 0);
  const shift = constantOperand(add, index, 0);
  if (!scale || !shift || scale.constant.perChannel || shift.constant.perChannel || shift.other !== mul.output[0]) return false;
  const c = scale.constant.values[0];
  if (c === 0 || (index.consumers.get(add.input.find((i) => i !== mul.output[0])!)?.length ?? 0) > 1) return false;
  const shiftTensor = index.initializers.get(add.input.find((i) => i !== mul.output[0])!)!;
  setFloat32(shiftTensor, Float32Array.of(shift.constant.values[0] / c), tensorDims(shiftTensor));
  // x -> Add(d/c) -> t -> Mul(c) -> out, reusing both nodes and tensor names.
  const x = scale.other;
  const t = mul.output[0];
  const out = add.output[0];
  add.input = add.input.map((i) => (i === t ? x : i));
  add.output = [t];
  mul.input = mul.input.map((i) => (i === x ? t : i));
  mul.output = [out];
  return true;
}

export function foldAffineIntoConvs(graph: GraphProto): number {
  let folded = 0;
  let swapped = 0;
  // Each pass folds what it can; a fold can expose another (Conv -> Mul -> Add), so repeat.
  for (;;) {
    const index = indexGraph(graph);
    const removed = new Set<NodeProto>();
    for (const node of graph.node) {
      if (removed.has(node)) continue;
      if (node.opType === "Conv" || node.opType === "ConvTranspose") {
        if (foldAfter(graph, index, node, removed)) folded++;
      } else if ((node.opType === "Mul" || node.opType === "Add") && foldBefore(graph, index, node, removed)) folded++;
      else if (swapMulAdd(index, node, removed)) swapped++;
    }
    if (removed.size === 0 && swapped === 0) return folded;
    swapped = 0;
    // Swapping reorders two nodes in place; keep the list topologically sorted.
    sortTopologically(graph);
    graph.node = graph.node.filter((n) => !removed.has(n));
  }
}
