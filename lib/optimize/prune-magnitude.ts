import { getInt } from "./attributes";
import type { ChannelAxis, ChannelStats } from "./collect-channel-stats";
import { addToBias, outputShift } from "./correct-bias";
import { createNamer, indexGraph } from "./graph-index";
import type { ModelProto, NodeProto, TensorProto } from "./onnx-proto";
import { WEIGHT_INPUT } from "./qdq-nodes";
import { setFloat32, tensorDims, tensorToFloat32 } from "./tensor-data";

/**
 * Unstructured magnitude pruning: the smallest-magnitude weights are set to exactly zero until the
 * target sparsity is reached, either with one threshold for all pruned layers ("global": layers with
 * small weights lose more) or per layer (every layer loses the same share). Tensors keep their dense
 * shape: ONNX Runtime has no sparse kernels for Conv/MatMul on CPU, so this does NOT make inference
 * faster and the .onnx file stays the same size (it only compresses better). It is the measurement of
 * how much of a network is redundant, and the first step towards structured pruning.
 * Given channel statistics of the layers' inputs, the removed weights' average contribution is
 * added back to the bias (see correct-bias.ts).
 */

export interface MagnitudePruneOptions {
  sparsity: number;
  scope: "global" | "per-layer";
  opTypes: string[];
  /** Layers with fewer weights stay dense (small layers are usually the most sensitive). */
  minElements: number;
  /** Depthwise convolutions have 9 weights per channel; pruning them hurts far more than it saves. */
  skipDepthwise: boolean;
  excludeNodes: string[];
}

export interface PruneReport {
  layers: { node: string; weight: string; elements: number; sparsity: number }[];
  prunedElements: number;
  totalElements: number;
  sparsity: number;
}

function targetWeights(model: ModelProto, options: MagnitudePruneOptions): { node: NodeProto; tensor: TensorProto }[] {
  const graph = model.graph!;
  const initializers = new Map(graph.initializer.map((t) => [t.name, t]));
  const seen = new Set<string>();
  const targets: { node: NodeProto; tensor: TensorProto }[] = [];
  for (const node of graph.node) {
    if (!options.opTypes.includes(node.opType) || options.excludeNodes.includes(node.name)) continue;
    const tensor = initializers.get(node.input[WEIGHT_INPUT[node.opType]]);
    if (!tensor || seen.has(tensor.name)) continue;
    const dims = tensorDims(tensor);
    if (dims.reduce((p, d) => p * d, 1) < options.minElements) continue;
    if (options.skipDepthwise && node.opType === "Conv" && getInt(node, "group", 1) > 1 && dims[1] === 1) continue;
    seen.add(tensor.name);
    targets.push({ node, tensor });
  }
  return targets;
}

/** The magnitude below which `sparsity` of the values fall (values exactly at it are pruned too). */
function threshold(magnitudes: Float32Array, sparsity: number): number {
  if (sparsity <= 0) return -1;
  const sorted = Float32Array.from(magnitudes).sort();
  const count = Math.floor(sparsity * sorted.length);
  return count === 0 ? -1 : sorted[count - 1];
}

/** The activation tensors whose channel means bias correction needs (the pruned layers' inputs). */
export function magnitudePruningTensors(model: ModelProto, options: MagnitudePruneOptions): Map<string, ChannelAxis> {
  const tensors = new Map<string, ChannelAxis>();
  for (const { node } of targetWeights(model, options)) {
    if (node.opType === "Gemm" && getInt(node, "transA", 0)) continue;
    tensors.set(node.input[0], node.opType === "Conv" ? "channels-first" : "last");
  }
  return tensors;
}

export function pruneMagnitude(model: ModelProto, options: MagnitudePruneOptions, stats?: Map<string, ChannelStats>): PruneReport {
  if (!(options.sparsity >= 0 && options.sparsity < 1)) throw new Error(`sparsity must be in [0, 1), got ${options.sparsity}`);
  const targets = targetWeights(model, options);
  if (targets.length === 0) throw new Error("no weight matches the pruning options");
  const values = targets.map((t) => tensorToFloat32(t.tensor).slice());
  let globalThreshold = -1;
  if (options.scope === "global") {
    const all = new Float32Array(values.reduce((n, v) => n + v.length, 0));
    let offset = 0;
    for (const v of values) {
      for (let i = 0; i < v.length; i++) all[offset + i] = Math.abs(v[i]);
      offset += v.length;
    }
    globalThreshold = threshold(all, options.sparsity);
  }
  const report: PruneReport = { layers: [], prunedElements: 0, totalElements: 0, sparsity: 0 };
  const index = indexGraph(model.graph!);
  const unique = createNamer(model.graph!);
  targets.forEach(({ node, tensor }, i) => {
    const v = values[i];
    const limit = options.scope === "global" ? globalThreshold : threshold(v.map(Math.abs), options.sparsity);
    // Per layer, ties at the threshold could overshoot; prune exactly `count` values in magnitude order.
    let budget = options.scope === "per-layer" ? Math.floor(options.sparsity * v.length) : Infinity;
    let zeroed = 0;
    for (let k = 0; k < v.length; k++) {
      if (Math.abs(v[k]) <= limit && budget > 0) {
        v[k] = 0;
        zeroed++;
        budget--;
      }
    }
    const original = tensorToFloat32(tensor);
    const inputStats = stats?.get(node.input[0]);
    if (inputStats) {
      const removed = original.map((w, k) => w - v[k]);
      addToBias(model.graph!, index, node, outputShift(node, removed, tensorDims(tensor), inputStats.mean), unique);
    }
    setFloat32(tensor, v);
    report.layers.push({ node: node.name, weight: tensor.name, elements: v.length, sparsity: zeroed / v.length });
    report.prunedElements += zeroed;
    report.totalElements += v.length;
  });
  report.sparsity = report.prunedElements / report.totalElements;
  return report;
}
