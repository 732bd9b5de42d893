import { getInt, intAttribute } from "./attributes";
import { createNamer, indexGraph, type GraphIndex } from "./graph-index";
import { createNode, DataType, type GraphProto, type NodeProto } from "./onnx-proto";
import { INT8_WEIGHT_LEVELS, quantizeBiasInt32, quantizeSymmetricInt8, type ChannelQuantized, type Uint8Params } from "./quantize-values";
import { anyPairFitsInt16, pairsFitInt16, quantizePairGuarded, reductionPartners, SEVEN_BIT_LEVELS, type SaturationGuard } from "./saturation-guard";
import { float32Tensor, int32Tensor, int8Tensor, tensorDims, tensorToFloat32, uint8Tensor } from "./tensor-data";

/**
 * Building blocks shared by weight-only and static quantization: replace a weight initializer by
 * int8 values + DequantizeLinear (per channel where the op allows), an fp32 bias by int32 +
 * DequantizeLinear, and put a QuantizeLinear -> DequantizeLinear pair on an activation tensor.
 */

export interface QdqContext {
  graph: GraphProto;
  index: GraphIndex;
  unique: (base: string) => string;
  weights: Map<string, DequantizedWeight>;
  /** Scale and zero-point initializer names by "scale/zeroPoint". */
  activationParams: Map<string, { scale: string; zero: string }>;
}

export interface DequantizedWeight {
  output: string;
  scales: Float32Array;
  axis: number | undefined;
  /** The stored int8 values. */
  values: Int8Array;
}

export function createQdqContext(graph: GraphProto): QdqContext {
  return { graph, index: indexGraph(graph), unique: createNamer(graph), weights: new Map(), activationParams: new Map() };
}

/** The output-channel axis of an op's weight input, or undefined when only per-tensor is valid. */
export function weightChannelAxis(node: NodeProto, rank: number): number | undefined {
  switch (node.opType) {
    case "Conv":
      return 0;
    case "ConvTranspose":
      // Weight is [C_in, C_out / group, ...]; per output channel only makes sense with one group.
      return getInt(node, "group", 1) === 1 ? 1 : undefined;
    case "Gemm":
      return getInt(node, "transB", 0) ? 0 : 1;
    case "MatMul":
      return rank === 2 ? 1 : undefined;
    default:
      return undefined;
  }
}

/** Which input of an op holds its weight. */
export const WEIGHT_INPUT: Record<string, number> = { Conv: 1, ConvTranspose: 1, Gemm: 1, MatMul: 1 };

// Generated names are short on purpose: a QDQ graph has several new nodes and initializers per
// tensor, and on a small model (YOLOX-Nano) long names alone cost ~5% of the file.
const SHORT_OP: Record<string, string> = { QuantizeLinear: "Q", DequantizeLinear: "DQ", Cast: "C", Mul: "M" };

function addNode(ctx: QdqContext, opType: string, inputs: string[], output: string, axis?: number): NodeProto {
  const node = createNode({
    opType,
    name: ctx.unique(`${output}_${SHORT_OP[opType] ?? opType}`),
    input: inputs,
    output: [output],
    attribute: axis === undefined ? [] : [intAttribute("axis", axis)],
  });
  ctx.graph.node.push(node);
  return node;
}

/**
 * int8 weight + DequantizeLinear (or Cast + Mul, see quantize-weights.ts); the same initializer used
 * by several nodes is quantized once.
 */
export function dequantizedWeight(
  ctx: QdqContext,
  node: NodeProto,
  perChannel: boolean,
  form: "dequantize-linear" | "cast-mul" = "dequantize-linear",
  guard: SaturationGuard = "off",
): DequantizedWeight {
  const weightName = node.input[WEIGHT_INPUT[node.opType]];
  const weight = ctx.index.initializers.get(weightName);
  if (!weight || weight.dataType !== DataType.FLOAT) throw new Error(`${node.opType} ${node.name}: weight ${weightName} is not an fp32 initializer`);
  const dims = tensorDims(weight);
  const axis = perChannel ? weightChannelAxis(node, dims.length) : undefined;
  const key = `${weightName}@${axis ?? "tensor"}@${form}@${guard}`;
  const cached = ctx.weights.get(key);
  if (cached) return cached;
  const q = guardedWeights(node, tensorToFloat32(weight), dims, axis, guard);
  const scaleDims = axis === undefined ? [] : [q.scales.length];
  const qName = ctx.unique(`${weightName}_i8`);
  const scaleName = ctx.unique(`${weightName}_s`);
  const zeroName = ctx.unique(`${weightName}_z`);
  ctx.graph.initializer.push(
    int8Tensor(qName, dims, q.values),
    float32Tensor(scaleName, scaleDims, q.scales),
    int8Tensor(zeroName, scaleDims, new Int8Array(q.scales.length)),
  );
  const output = ctx.unique(`${weightName}_w`);
  if (form === "cast-mul") {
    // Scale shaped to broadcast along the channel axis: [C, 1, 1, 1] for axis 0, [C] for the last axis.
    const broadcastDims = axis === undefined ? [] : dims.map((d, i) => (i === axis ? d : 1)).slice(axis === dims.length - 1 ? axis : 0);
    const scaleTensor = ctx.graph.initializer.find((t) => t.name === scaleName)!;
    scaleTensor.dims = broadcastDims;
    ctx.graph.initializer = ctx.graph.initializer.filter((t) => t.name !== zeroName);
    const cast = ctx.unique(`${weightName}_f`);
    const castNode = addNode(ctx, "Cast", [qName], cast);
    castNode.attribute.push(intAttribute("to", DataType.FLOAT));
    addNode(ctx, "Mul", [cast, scaleName], output);
  } else addNode(ctx, "DequantizeLinear", [qName, scaleName, zeroName], output, axis);
  const result = { output, scales: q.scales, axis, values: q.values };
  ctx.weights.set(key, result);
  return result;
}

/**
 * Weights quantized under a saturation guard, checked against the guard's invariant (an error here
 * is a bug in the guard, not in the model). "pairs" falls back to 7 bits for an op whose pairing
 * is not known.
 */
function guardedWeights(node: NodeProto, values: Float32Array, dims: number[], axis: number | undefined, guard: SaturationGuard): ChannelQuantized {
  if (guard === "off") return quantizeSymmetricInt8(values, dims, axis, INT8_WEIGHT_LEVELS);
  const partner = guard === "pairs" && axis !== undefined ? reductionPartners(node, dims) : undefined;
  const q = partner ? quantizePairGuarded(values, dims, axis!, partner) : quantizeSymmetricInt8(values, dims, axis, SEVEN_BIT_LEVELS);
  if (!(partner ? pairsFitInt16(q.values, partner) : anyPairFitsInt16(q.values)))
    throw new Error(`${node.opType} ${node.name}: weights break the saturation guard`);
  return q;
}

/** int32 bias with scale inputScale * weightScale (zero point 0), as ORT's int8 Conv/Gemm kernels take it. */
export function dequantizedBias(ctx: QdqContext, biasName: string, inputScale: number, weightScales: Float32Array): string {
  const bias = ctx.index.initializers.get(biasName);
  if (!bias || bias.dataType !== DataType.FLOAT) throw new Error(`bias ${biasName} is not an fp32 initializer`);
  const values = tensorToFloat32(bias);
  const q = quantizeBiasInt32(values, inputScale, weightScales);
  const perChannel = weightScales.length > 1;
  const qName = ctx.unique(`${biasName}_i32`);
  const scaleName = ctx.unique(`${biasName}_s`);
  const zeroName = ctx.unique(`${biasName}_z`);
  const scaleDims = perChannel ? [values.length] : [];
  ctx.graph.initializer.push(
    int32Tensor(qName, tensorDims(bias), q.values),
    float32Tensor(scaleName, scaleDims, perChannel ? q.scales : q.scales.subarray(0, 1)),
    int32Tensor(zeroName, scaleDims, new Int32Array(perChannel ? values.length : 1)),
  );
  const output = ctx.unique(`${biasName}_b`);
  addNode(ctx, "DequantizeLinear", [qName, scaleName, zeroName], output, perChannel ? 0 : undefined);
  return output;
}

/**
 * A scalar constant as uint8 + DequantizeLinear, represented exactly: c > 0 is 255 at scale c/255
 * (zero point 0), c < 0 is 0 at scale -c/255 (zero point 255). QLinearAdd/QLinearMul need every
 * operand quantized; this lets "x + 3" or "x * 0.5" run as int8 without rounding the constant.
 */
export function dequantizedScalar(ctx: QdqContext, name: string): string {
  const value = tensorToFloat32(ctx.index.initializers.get(name)!)[0];
  const scale = value === 0 ? 1 : Math.abs(value) / 255;
  const zeroPoint = value < 0 ? 255 : 0;
  const quantized = value === 0 ? 0 : value > 0 ? 255 : 0;
  const qName = ctx.unique(`${name}_u8`);
  const scaleName = ctx.unique(`${name}_s`);
  const zeroName = ctx.unique(`${name}_z`);
  ctx.graph.initializer.push(
    uint8Tensor(qName, [], Uint8Array.of(quantized)),
    float32Tensor(scaleName, [], [scale]),
    uint8Tensor(zeroName, [], Uint8Array.of(zeroPoint)),
  );
  const output = ctx.unique(`${name}_c`);
  addNode(ctx, "DequantizeLinear", [qName, scaleName, zeroName], output);
  return output;
}

/**
 * Inserts tensor -> QuantizeLinear -> DequantizeLinear and points every consumer at the dequantized
 * copy, so the producer's only reader is the QuantizeLinear (what ORT needs to fuse it).
 */
export function insertActivationQdq(ctx: QdqContext, tensor: string, params: Uint8Params): string {
  // Tensors sharing parameters (tied through data-movement ops) share one scale/zero-point pair.
  const key = `${params.scale}/${params.zeroPoint}`;
  let shared = ctx.activationParams.get(key);
  if (!shared) {
    shared = { scale: ctx.unique(`${tensor}_s`), zero: ctx.unique(`${tensor}_z`) };
    ctx.graph.initializer.push(float32Tensor(shared.scale, [], [params.scale]), uint8Tensor(shared.zero, [], Uint8Array.of(params.zeroPoint)));
    ctx.activationParams.set(key, shared);
  }
  const { scale: scaleName, zero: zeroName } = shared;
  const quantized = ctx.unique(`${tensor}_q`);
  const dequantized = ctx.unique(`${tensor}_dq`);
  const consumers = ctx.index.consumers.get(tensor) ?? [];
  addNode(ctx, "QuantizeLinear", [tensor, scaleName, zeroName], quantized);
  addNode(ctx, "DequantizeLinear", [quantized, scaleName, zeroName], dequantized);
  for (const consumer of consumers) consumer.input = consumer.input.map((name) => (name === tensor ? dequantized : name));
  return dequantized;
}
