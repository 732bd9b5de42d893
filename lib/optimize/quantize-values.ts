/**
 * The arithmetic of int8 quantization, kept free of graphs so it can be tested on numbers.
 * Weights: int8, symmetric (zero point 0) in [-127, 127], one scale per output channel. Using 127
 * rather than 128 keeps the range symmetric, so w = -w quantizes exactly (ORT's choice as well).
 * Weights that int8 kernels multiply with uint8 activations are further limited by the saturation
 * guard (saturation-guard.ts), so x86 CPUs without VNNI compute them exactly.
 * Activations: uint8, asymmetric, one scale and zero point per tensor, with 0.0 exactly representable
 * (zero padding in Conv must stay exactly zero).
 */

export interface ChannelQuantized {
  values: Int8Array;
  scales: Float32Array;
}

/** Splits a tensor's flat index into (channel, rest) for a channel axis. */
export function channelLayout(dims: number[], axis: number): { channels: number; inner: number } {
  if (axis < 0 || axis >= dims.length) throw new Error(`axis ${axis} is outside a tensor of rank ${dims.length}`);
  return { channels: dims[axis], inner: dims.slice(axis + 1).reduce((p, d) => p * d, 1) };
}

/** The symmetric int8 range. */
export const INT8_WEIGHT_LEVELS = 127;

export function quantizeSymmetricInt8(values: Float32Array, dims: number[], axis: number | undefined, levels = INT8_WEIGHT_LEVELS): ChannelQuantized {
  const { channels, inner } = axis === undefined ? { channels: 1, inner: values.length } : channelLayout(dims, axis);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    const a = Math.abs(values[i]);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  // An all-zero channel (e.g. pruned) gets scale 1 so dequantization stays finite.
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? m / levels : 1));
  const quantized = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round(values[i] / scales[channelOf(i)]);
    quantized[i] = Math.max(-levels, Math.min(levels, q));
  }
  return { values: quantized, scales };
}

export function dequantizeSymmetricInt8(q: ChannelQuantized, dims: number[], axis: number | undefined): Float32Array {
  const { channels, inner } = axis === undefined ? { channels: 1, inner: q.values.length } : channelLayout(dims, axis);
  return Float32Array.from(q.values, (v, i) => v * q.scales[Math.floor(i / inner) % channels]);
}

export interface Uint8Params {
  scale: number;
  zeroPoint: number;
}

/** uint8 scale and zero point covering [min, max] widened to include 0. */
export function uint8Params(min: number, max: number): Uint8Params {
  const low = Math.min(min, 0);
  const high = Math.max(max, 0);
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`range [${min}, ${max}] is not finite`);
  if (high === low) return { scale: 1, zeroPoint: 0 };
  // Math.fround: the scale is stored as float32; computing the zero point from the stored value keeps them consistent.
  const scale = Math.fround((high - low) / 255);
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-low / scale)));
  return { scale, zeroPoint };
}

/** Bias for an int8 kernel: int32 with scale inputScale * weightScale[c] and zero point 0. */
export function quantizeBiasInt32(bias: Float32Array, inputScale: number, weightScales: Float32Array): { values: Int32Array; scales: Float32Array } {
  const scales = Float32Array.from(bias, (_, c) => inputScale * weightScales[weightScales.length === 1 ? 0 : c]);
  const values = Int32Array.from(bias, (b, c) => Math.max(-2147483647, Math.min(2147483647, Math.round(b / scales[c]))));
  return { values, scales };
}
