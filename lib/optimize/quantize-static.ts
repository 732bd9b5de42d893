import "server-only";
import { collectRanges, type CalibrationInput, type CalibrationMethod, type TensorRange } from "./calibrate-ranges";
import { assertValidGraph, sortTopologically } from "./check-graph";
import { nameAllNodes } from "./graph-index";
import { INT8_GUARD_METADATA_KEY } from "@/lib/inference/choose-int8-remedy";
import { onnx, type ModelProto } from "./onnx-proto";
import { planQdq, scalarConstantInput, type QdqPlan, type QdqPlanOptions } from "./plan-qdq";
import { createQdqContext, dequantizedBias, dequantizedScalar, dequantizedWeight, insertActivationQdq, WEIGHT_INPUT } from "./qdq-nodes";
import { uint8Params, type Uint8Params } from "./quantize-values";
import type { SaturationGuard } from "./saturation-guard";
import { removeUnused } from "./remove-unused";
import { tensorDims } from "./tensor-data";
import { tuneQdq, type Tuning } from "./tune-qdq";
import { QDQ_OPSET, upgradeOpset } from "./upgrade-opset";

/**
 * Static QDQ quantization: uint8 activations (one scale per tensor, ranges calibrated on real
 * inputs), int8 symmetric weights per output channel, int32 biases. The graph stays standard ONNX
 * (QuantizeLinear/DequantizeLinear around fp32 ops); ORT's QDQ transformer fuses the groups into
 * int8 kernels at load time. The model should have been through prepareGraph (BN folded).
 */

export interface StaticQuantizeOptions extends QdqPlanOptions {
  method: CalibrationMethod;
  inputs: CalibrationInput[];
  /** Accuracy-aware tuning (see tune-qdq.ts); without it every plannable op is quantized. */
  tuning?: Tuning;
  /** Store weights of fp32-kept layers as int8 (Cast + Mul, folded at load); default true. */
  compressFp32Weights?: boolean;
  /** How int8-kernel weights avoid int16 saturation on x86 CPUs without VNNI (saturation-guard.ts); default "pairs". */
  saturationGuard?: SaturationGuard;
}

export interface StaticQuantizeReport {
  quantizedNodes: number;
  quantizedTensors: number;
  byOpType: Record<string, number>;
  saturationGuard: SaturationGuard;
  calibrationInputs: number;
  /** What tuning kept in fp32, and the agreement of each candidate it tried. */
  tuning?: { mode: string; fp32Nodes: number; fp32Tensors: string[]; trials: { fp32: number; agreement: number }[] };
}

export async function quantizeStatic(model: ModelProto, options: StaticQuantizeOptions): Promise<StaticQuantizeReport> {
  upgradeOpset(model, QDQ_OPSET);
  const graph = model.graph!;
  nameAllNodes(graph);
  const fullPlan = planQdq(graph, options);
  const guard = options.saturationGuard ?? "pairs";
  if (fullPlan.nodes.size === 0) throw new Error("no node can be quantized with these options");
  // Ranges come from the parent's activations, so one calibration serves every tuning trial.
  const ranges = await collectRanges({ model, tensors: fullPlan.tensors, inputs: options.inputs, method: options.method });
  let planOptions: QdqPlanOptions = options;
  let tuning: StaticQuantizeReport["tuning"];
  if (options.tuning) {
    const compress = options.compressFp32Weights ?? true;
    const apply = (m: ModelProto, plan: QdqPlan, r: Map<string, TensorRange>, compressWanted: boolean) =>
      applyQdqPlan(m, plan, r, compressWanted && compress, guard);
    const result = await tuneQdq({ model, plan: options, fullPlan, ranges, tuning: options.tuning, apply });
    planOptions = { ...options, excludeNodes: [...options.excludeNodes, ...result.excludeNodes], excludeTensors: result.excludeTensors };
    tuning = { mode: options.tuning.mode, fp32Nodes: result.excludeNodes.length, fp32Tensors: result.excludeTensors, trials: result.trials };
  }
  const finalPlan = planQdq(graph, planOptions);
  if (finalPlan.nodes.size === 0) throw new Error("tuning kept every layer in fp32: int8 cannot reach the agreement target");
  applyQdqPlan(model, finalPlan, ranges, options.compressFp32Weights ?? true, guard);
  markSaturationGuard(model, guard);
  const byOpType: Record<string, number> = {};
  for (const node of finalPlan.nodes) byOpType[node.opType] = (byOpType[node.opType] ?? 0) + 1;
  return {
    quantizedNodes: finalPlan.nodes.size,
    quantizedTensors: finalPlan.tensors.length,
    byOpType,
    saturationGuard: guard,
    calibrationInputs: options.inputs.length,
    tuning,
  };
}

/**
 * Records the guard in the model's metadata_props, where the session-options builder reads it: a
 * guarded model needs no session.x64quantprecision on CPUs without VNNI.
 */
export function markSaturationGuard(model: ModelProto, guard: SaturationGuard): void {
  const others = (model.metadataProps ?? []).filter((p) => p.key !== INT8_GUARD_METADATA_KEY);
  model.metadataProps = [...others, onnx.StringStringEntryProto.create({ key: INT8_GUARD_METADATA_KEY, value: guard })];
}

/** Rewrites the graph with the plan's Q/DQ pairs and int8 weights, given a range per planned tensor. */
export function applyQdqPlan(
  model: ModelProto,
  plan: QdqPlan,
  ranges: Map<string, TensorRange>,
  compressFp32Weights = true,
  guard: SaturationGuard = "pairs",
): void {
  const graph = model.graph!;
  const params = new Map<string, Uint8Params>();
  for (const tensor of plan.tensors) {
    const range = ranges.get(tensor);
    if (!range) throw new Error(`no calibrated range for ${tensor}`);
    params.set(tensor, uint8Params(range.min, range.max));
  }
  // Data-movement outputs reuse their input's parameters (in graph order, so chains follow through).
  for (const [output, input] of plan.tied) {
    const source = params.get(input);
    if (source) params.set(output, source);
  }
  const ctx = createQdqContext(graph);
  // Weights and biases first: they need the input's scale, looked up by the original tensor name.
  for (const node of plan.nodes) {
    const weightIndex = WEIGHT_INPUT[node.opType];
    if (node.opType === "Add" || node.opType === "Mul") {
      const constant = scalarConstantInput(node, ctx.index);
      if (constant) node.input = node.input.map((i) => (i === constant ? dequantizedScalar(ctx, constant) : i));
    }
    if (weightIndex === undefined) continue;
    const inputParams = params.get(node.input[0])!;
    const weight = dequantizedWeight(ctx, node, true, "dequantize-linear", guard);
    node.input[weightIndex] = weight.output;
    const biasIndex = node.opType === "Gemm" || node.opType === "Conv" || node.opType === "ConvTranspose" ? 2 : -1;
    const biasName = biasIndex > 0 ? node.input[biasIndex] : undefined;
    const bias = biasName ? ctx.index.initializers.get(biasName) : undefined;
    // Only a 1-D bias of one value per output channel can become the int32 bias of an int8 kernel.
    if (biasName && bias && bias.dims.length === 1) {
      node.input[biasIndex] = dequantizedBias(ctx, biasName, inputParams.scale, weight.scales);
    }
  }
  for (const tensor of plan.tensors) insertActivationQdq(ctx, tensor, params.get(tensor)!);
  // Weighted layers left in fp32 (excluded, tuned out, head) still store int8 weights, decompressed
  // once at load (Cast + Mul, constant-folded by ORT): they run fp32 kernels from a smaller file.
  for (const node of compressFp32Weights ? [...graph.node] : []) {
    const weightIndex = WEIGHT_INPUT[node.opType];
    if (weightIndex === undefined || plan.nodes.has(node)) continue;
    const weight = ctx.index.initializers.get(node.input[weightIndex]);
    if (!weight || weight.dims.length < 2 || tensorDims(weight).reduce((p, d) => p * d, 1) < 64) continue;
    node.input[weightIndex] = dequantizedWeight(ctx, node, true, "cast-mul").output;
  }
  // Recorded shapes are optional and ORT infers them again; dropping them keeps the file small.
  graph.valueInfo = [];
  removeUnused(graph);
  sortTopologically(graph);
  assertValidGraph(graph, "static-quantized graph");
}
