import { getInt } from "./attributes";
import type { GraphIndex } from "./graph-index";
import type { NodeProto } from "./onnx-proto";
import { tensorDims } from "./tensor-data";

/**
 * Everything that must change when output channels of a Conv are removed: follows the Conv's
 * output through ops that keep channels apart (activations, BatchNorm, pools, depthwise convs,
 * elementwise ops with a scalar or per-channel constant, or whose operands both come from the same
 * region) until it reaches ordinary Convs that read those channels as their input channels.
 * Anything else (Concat, residual Add with another branch, Reshape, MatMul, a graph output) would
 * need channels removed from elsewhere too, so the Conv is reported as not prunable, with why.
 */

export interface ChannelRegion {
  /** Tensors whose channel dimension (axis 1) shrinks. */
  tensors: Set<string>;
  /** Nodes inside the region whose per-channel parameters are sliced (BN, depthwise Conv, Mul/Add constants). */
  inner: NodeProto[];
  /** Convs reading the region: their weight loses input channels (axis 1). */
  sinks: NodeProto[];
}

const PER_CHANNEL_UNARY = new Set([
  "Relu",
  "Sigmoid",
  "Clip",
  "HardSigmoid",
  "HardSwish",
  "LeakyRelu",
  "Tanh",
  "Identity",
  "Elu",
  "Softplus",
  "MaxPool",
  "AveragePool",
  "GlobalAveragePool",
  "GlobalMaxPool",
  "Resize",
  "Upsample",
  "BatchNormalization",
]);
const BINARY = new Set(["Add", "Sub", "Mul", "Div"]);

export function isDepthwise(node: NodeProto, index: GraphIndex): boolean {
  const weight = index.initializers.get(node.input[1]);
  if (node.opType !== "Conv" || !weight) return false;
  const dims = tensorDims(weight);
  return getInt(node, "group", 1) === dims[0] && dims[1] === 1;
}

/** A constant operand that broadcasts the same way for every channel or has exactly one value per channel. */
function constantKind(name: string, index: GraphIndex, channels: number): "scalar" | "per-channel" | undefined {
  const t = index.initializers.get(name);
  if (!t) return undefined;
  const dims = tensorDims(t);
  const count = dims.reduce((p, d) => p * d, 1);
  if (count === 1) return "scalar";
  // [C,1,1] or [1,C,1,1] against an NCHW tensor.
  const nonUnit = dims.filter((d) => d !== 1);
  const channelAxisFromEnd = dims.length - dims.findIndex((d) => d !== 1);
  if (nonUnit.length === 1 && nonUnit[0] === channels && channelAxisFromEnd === 3) return "per-channel";
  return undefined;
}

export function traceChannelRegion(conv: NodeProto, index: GraphIndex, channels: number): ChannelRegion | { reason: string } {
  const region: ChannelRegion = { tensors: new Set([conv.output[0]]), inner: [], sinks: [] };
  const visited = new Set<NodeProto>([conv]);
  const waiting = new Set<NodeProto>();
  const work = [conv.output[0]];
  while (work.length) {
    const tensor = work.pop()!;
    if (index.graphOutputs.has(tensor)) return { reason: `${tensor} is a graph output` };
    for (const node of index.consumers.get(tensor) ?? []) {
      if (visited.has(node)) continue;
      const activationInputs = node.input.filter((i) => i && !index.initializers.has(i));
      if (node.opType === "Conv" && node.input[0] === tensor && !isDepthwise(node, index)) {
        if (getInt(node, "group", 1) !== 1) return { reason: `grouped Conv ${node.name} reads it` };
        if (node.input[1] === tensor || node.input[2] === tensor) return { reason: `Conv ${node.name} uses it as weights` };
        visited.add(node);
        region.sinks.push(node);
        continue;
      }
      let passes = false;
      if (node.opType === "Conv") passes = isDepthwise(node, index) && node.input[0] === tensor;
      else if (node.opType === "Resize") passes = activationInputs.length === 1 && !node.input[3];
      else if (PER_CHANNEL_UNARY.has(node.opType)) passes = activationInputs.length === 1 && node.input[0] === tensor;
      else if (BINARY.has(node.opType)) {
        passes = node.input.every((i) => region.tensors.has(i) || constantKind(i, index, channels) !== undefined);
        // The other operand may be produced later in the region (SiLU: Mul(x, Sigmoid(x))); wait for it.
        if (!passes && node.input.some((i) => !region.tensors.has(i) && !index.initializers.has(i) && reachesOnlyThroughRegion(i, conv, index))) {
          waiting.add(node);
          continue;
        }
      }
      if (!passes) return { reason: `${node.opType} ${node.name} mixes these channels with others` };
      visited.add(node);
      if (node.opType === "Conv" || node.opType === "BatchNormalization" || BINARY.has(node.opType)) region.inner.push(node);
      for (const output of node.output) {
        if (output && !region.tensors.has(output)) {
          region.tensors.add(output);
          work.push(output);
        }
      }
    }
  }
  const stuck = [...waiting].find((node) => !visited.has(node));
  if (stuck) return { reason: `${stuck.opType} ${stuck.name} mixes these channels with a branch that leaves the region` };
  if (region.sinks.length === 0) return { reason: "no Conv reads these channels" };
  return region;
}

/** Whether a tensor is computed only from the conv's output (so it will join the region later). */
function reachesOnlyThroughRegion(tensor: string, conv: NodeProto, index: GraphIndex): boolean {
  const seen = new Set<string>();
  const work = [tensor];
  while (work.length) {
    const t = work.pop()!;
    if (t === conv.output[0]) continue;
    if (seen.has(t)) continue;
    seen.add(t);
    const producer = index.producer.get(t);
    if (!producer) return index.initializers.has(t);
    work.push(...producer.input.filter(Boolean));
  }
  return true;
}
