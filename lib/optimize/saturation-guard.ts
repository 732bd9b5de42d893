import { getInt } from "./attributes";
import type { NodeProto } from "./onnx-proto";
import { channelLayout, INT8_WEIGHT_LEVELS, type ChannelQuantized } from "./quantize-values";

/**
 * The quantizer's saturation guard. x86 CPUs without VNNI run ONNX Runtime's int8 kernels with
 * `vpmaddubsw`, which multiplies uint8 activations by int8 weights and adds each adjacent pair of
 * products into an int16 that saturates at 32767. With activations up to 255, a pair overflows only
 * when both weights have the same sign and |w1| + |w2| > 128 (opposite signs stay within 255 * 127).
 *
 * Two guards, measured (README, "Portable int8"):
 *  - "pairs": per output channel, the scale is chosen so that every same-sign pair of weights sums to
 *    at most 128 (and every weight to at most 127): most channels keep 7-8 bits of precision. It
 *    relies on ONNX Runtime 1.30's pairing: adjacent terms of the reduction in (ky, kx, input
 *    channel) order for convolutions (im2col over NHWC and the direct symmetric kernel alike; depthwise
 *    too, though its kernel may not need it), and along K for Gemm/MatMul weights. The emulated-AVX2
 *    test (lib/inference/int8-on-avx2.test.ts) checks that pairing on real kernels.
 *  - "7-bit": every weight in [-64, 64] (ONNX Runtime's reduce_range): safe for any pairing, at the
 *    cost of a bit of precision everywhere.
 * "off" keeps plain 8-bit weights, which saturate on such CPUs unless session.x64quantprecision is set.
 */

export type SaturationGuard = "pairs" | "7-bit" | "off";

const INT16_MAX = 32767;
const PAIR_LIMIT = Math.floor(INT16_MAX / 255); // 128
export const SEVEN_BIT_LEVELS = 64;

/**
 * For each weight, the index of the weight its product is paired with in the x86 int8 kernels (-1
 * when it has none); undefined for an op whose kernel is not known (the caller falls back to 7 bits).
 */
export function reductionPartners(node: NodeProto, dims: number[]): Int32Array | undefined {
  const partner = new Int32Array(dims.reduce((p, d) => p * d, 1)).fill(-1);
  const pairUp = (order: number[]) => {
    for (let k = 0; k + 1 < order.length; k += 2) {
      partner[order[k]] = order[k + 1];
      partner[order[k + 1]] = order[k];
    }
  };
  if (node.opType === "Conv" && dims.length >= 3) {
    const [outChannels, channelsPerGroup, ...kernel] = dims;
    const positions = kernel.reduce((p, d) => p * d, 1);
    for (let m = 0; m < outChannels; m++) {
      const order: number[] = [];
      for (let p = 0; p < positions; p++) for (let c = 0; c < channelsPerGroup; c++) order.push((m * channelsPerGroup + c) * positions + p);
      pairUp(order);
    }
    return partner;
  }
  if ((node.opType === "Gemm" || node.opType === "MatMul") && dims.length === 2) {
    const [rows, columns] = dims;
    const transposed = node.opType === "Gemm" && getInt(node, "transB", 0) === 1;
    // The reduction runs along K: the columns of a transposed [N, K] weight, the rows of a [K, N] one.
    const [outputs, depth] = transposed ? [rows, columns] : [columns, rows];
    for (let n = 0; n < outputs; n++) pairUp(Array.from({ length: depth }, (_, k) => (transposed ? n * columns + k : k * columns + n)));
    return partner;
  }
  return undefined;
}

/** Whether no pair of products can overflow an int16 whatever the activations and the pairing (the 7-bit guard's invariant). */
export function anyPairFitsInt16(values: Int8Array): boolean {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  return 2 * largest <= PAIR_LIMIT;
}

/** Whether no paired products can overflow an int16 for any uint8 activations. */
export function pairsFitInt16(values: Int8Array, partner: Int32Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const j = partner[i];
    if (j > i && Math.sign(values[i]) === Math.sign(values[j]) && Math.abs(values[i]) + Math.abs(values[j]) > PAIR_LIMIT) return false;
  }
  return true;
}

/** Symmetric int8 per output channel (axis), with each channel's scale wide enough that no same-sign pair exceeds 128. */
export function quantizePairGuarded(values: Float32Array, dims: number[], axis: number, partner: Int32Array): ChannelQuantized {
  const { channels, inner } = channelLayout(dims, axis);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const needed = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    const j = partner[i];
    const pairSum = j >= 0 && Math.sign(values[i]) === Math.sign(values[j]) ? Math.abs(values[i]) + Math.abs(values[j]) : 0;
    needed[c] = Math.max(needed[c], Math.abs(values[i]) / INT8_WEIGHT_LEVELS, pairSum / PAIR_LIMIT);
  }
  const scales = Float32Array.from(needed, (s) => (s > 0 ? s : 1));
  const quantized = Int8Array.from(values, (v, i) => Math.max(-INT8_WEIGHT_LEVELS, Math.min(INT8_WEIGHT_LEVELS, Math.round(v / scales[channelOf(i)]))));
  // Rounding both members of a pair up can reach 129: take one step off the member rounded up more.
  for (let i = 0; i < values.length; i++) {
    const j = partner[i];
    if (j <= i || Math.sign(quantized[i]) !== Math.sign(quantized[j]) || Math.abs(quantized[i]) + Math.abs(quantized[j]) <= PAIR_LIMIT) continue;
    const excess = (k: number) => Math.abs(quantized[k]) - Math.abs(values[k] / scales[channelOf(k)]);
    const k = excess(i) >= excess(j) ? i : j;
    quantized[k] -= Math.sign(quantized[k]);
  }
  return { values: quantized, scales };
}
