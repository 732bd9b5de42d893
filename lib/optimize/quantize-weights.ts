import { assertValidGraph, sortTopologically } from "./check-graph";
import type { ModelProto } from "./onnx-proto";
import { createQdqContext, dequantizedWeight, WEIGHT_INPUT } from "./qdq-nodes";
import { removeUnused } from "./remove-unused";
import { tensorDims } from "./tensor-data";
import { QDQ_OPSET, upgradeOpset } from "./upgrade-opset";

/**
 * Weight-only int8: every MatMul/Gemm/Conv weight initializer becomes int8 + DequantizeLinear (per
 * output channel for Conv, Gemm and 2-D MatMul). Activations stay fp32, so numerics stay close to
 * the parent and no calibration data is needed; the file shrinks about 4x. It does not run int8
 * kernels: it is a size optimisation, not a speed one (see `form`). Chosen over
 * MatMulInteger/ConvInteger ("dynamic" quantization, activations quantized per run) because ORT's
 * ConvInteger has no fast x86 kernel (slower than fp32 for CNNs), because numerics stay closest to
 * the parent, and because the same DequantizeLinear form is what static quantization extends.
 */

export interface WeightOnlyOptions {
  opTypes: string[];
  perChannel: boolean;
  /** Weights smaller than this stay fp32 (quantizing a 16-value bias-like tensor saves nothing). */
  minElements: number;
  /**
   * "dequantize-linear": standard DequantizeLinear on the weight. ORT keeps it in the graph (it is
   * protected from constant folding so QDQ groups can fuse), so it dequantizes on every run and is
   * slower than fp32. "cast-mul": Cast(int8 -> float) * scale, which ORT constant-folds once at
   * load, so the session runs the fp32 kernels at fp32 speed from a 4x smaller file.
   */
  form: "dequantize-linear" | "cast-mul";
}

export interface QuantizeReport {
  quantizedNodes: number;
  skippedNodes: { node: string; reason: string }[];
}

export function quantizeWeightsOnly(model: ModelProto, options: WeightOnlyOptions): QuantizeReport {
  // Per-channel DequantizeLinear needs opset 13; Cast + Mul work in any opset, so the parent's stays.
  if (options.form === "dequantize-linear" && options.perChannel) upgradeOpset(model, QDQ_OPSET);
  const graph = model.graph!;
  const ctx = createQdqContext(graph);
  const report: QuantizeReport = { quantizedNodes: 0, skippedNodes: [] };
  for (const node of [...graph.node]) {
    if (!options.opTypes.includes(node.opType)) continue;
    const inputIndex = WEIGHT_INPUT[node.opType];
    const weight = ctx.index.initializers.get(node.input[inputIndex]);
    if (!weight) {
      report.skippedNodes.push({ node: node.name, reason: "weight is computed, not an initializer" });
      continue;
    }
    const count = tensorDims(weight).reduce((p, d) => p * d, 1);
    if (count < options.minElements) {
      report.skippedNodes.push({ node: node.name, reason: `weight has ${count} values (< ${options.minElements})` });
      continue;
    }
    const dq = dequantizedWeight(ctx, node, options.perChannel, options.form);
    node.input[inputIndex] = dq.output;
    report.quantizedNodes++;
  }
  removeUnused(graph);
  sortTopologically(graph);
  assertValidGraph(graph, "weight-only quantized graph");
  return report;
}
