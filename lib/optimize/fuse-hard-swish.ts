import { getFloat } from "./attributes";
import { indexGraph, type GraphIndex } from "./graph-index";
import { createNode, type GraphProto, type ModelProto, type NodeProto } from "./onnx-proto";
import { tensorToFloat32 } from "./tensor-data";
import { opsetVersion, upgradeOpset } from "./upgrade-opset";

/**
 * Rewrites the decomposed hard-swish x * clip(x + 3, 0, 6) / 6 (four elementwise passes in
 * Paddle exports) and x * HardSigmoid(x) (alpha 1/6, beta 1/2) into one HardSwish node (opset 14),
 * the same function in one pass over the tensor.
 */

function scalar(index: GraphIndex, name: string | undefined): number | undefined {
  const t = name ? index.initializers.get(name) : undefined;
  if (t?.dataType !== 1) return undefined;
  const v = tensorToFloat32(t);
  return v.length === 1 ? v[0] : undefined;
}

const only = (index: GraphIndex, tensor: string, consumer: NodeProto) => {
  const readers = index.consumers.get(tensor) ?? [];
  return readers.length === 1 && readers[0] === consumer && !index.graphOutputs.has(tensor);
};

/** Returns [x, nodes to remove, final node] when `div` ends a hard-swish pattern. */
function matchDivPattern(index: GraphIndex, div: NodeProto): [string, NodeProto[], NodeProto] | undefined {
  const isDivBySix = div.opType === "Div" && scalar(index, div.input[1]) === 6;
  const isMulBySixth = div.opType === "Mul" && Math.abs((scalar(index, div.input[1]) ?? 0) - 1 / 6) < 1e-6;
  if (!isDivBySix && !isMulBySixth) return undefined;
  const mul = index.producer.get(div.input[0]);
  if (mul?.opType !== "Mul" || !only(index, mul.output[0], div)) return undefined;
  for (const [x, clipOut] of [mul.input, [...mul.input].reverse()]) {
    const clip = index.producer.get(clipOut);
    if (clip?.opType !== "Clip" || !only(index, clipOut, mul)) continue;
    // Clip bounds are inputs from opset 11, attributes before (PP-OCR rec is opset 9).
    const low = clip.input[1] ? scalar(index, clip.input[1]) : getFloat(clip, "min", -Infinity);
    const high = clip.input[2] ? scalar(index, clip.input[2]) : getFloat(clip, "max", Infinity);
    if (low !== 0 || high !== 6) continue;
    const add = index.producer.get(clip.input[0]);
    if (add?.opType !== "Add" || !only(index, add.output[0], clip)) continue;
    const addsThree = (add.input[0] === x && scalar(index, add.input[1]) === 3) || (add.input[1] === x && scalar(index, add.input[0]) === 3);
    if (addsThree) return [x, [add, clip, mul, div], div];
  }
  return undefined;
}

function matchHardSigmoidPattern(index: GraphIndex, mul: NodeProto): [string, NodeProto[], NodeProto] | undefined {
  if (mul.opType !== "Mul") return undefined;
  for (const [x, gate] of [mul.input, [...mul.input].reverse()]) {
    const hs = index.producer.get(gate);
    if (hs?.opType !== "HardSigmoid" || hs.input[0] !== x || !only(index, gate, mul)) continue;
    if (Math.abs(getFloat(hs, "alpha", 0.2) - 1 / 6) < 1e-6 && Math.abs(getFloat(hs, "beta", 0.5) - 0.5) < 1e-6) return [x, [hs, mul], mul];
  }
  return undefined;
}

export function fuseHardSwish(model: ModelProto): number {
  const graph: GraphProto = model.graph!;
  const index = indexGraph(graph);
  const removed = new Set<NodeProto>();
  const replacements = new Map<NodeProto, NodeProto>();
  for (const node of graph.node) {
    const match = matchDivPattern(index, node) ?? matchHardSigmoidPattern(index, node);
    if (!match || match[1].some((n) => removed.has(n))) continue;
    const [x, nodes, last] = match;
    nodes.forEach((n) => removed.add(n));
    replacements.set(last, createNode({ opType: "HardSwish", name: `${last.name}_hardswish`, input: [x], output: [last.output[0]] }));
  }
  if (replacements.size === 0) return 0;
  if ((opsetVersion(model) ?? 0) < 14) upgradeOpset(model, 14);
  graph.node = graph.node.flatMap((n) => (replacements.has(n) ? [replacements.get(n)!] : removed.has(n) ? [] : [n]));
  return replacements.size;
}
