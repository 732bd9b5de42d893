import { indexGraph } from "../graph-index";
import type { ModelProto } from "../onnx-proto";
import { tensorDims, tensorToFloat32, tensorToIntegers } from "../tensor-data";

/**
 * The integer arithmetic of an int8 convolution, done in JavaScript two ways: exactly (int32
 * accumulation, what VNNI's vpdpbusd and AMX do) and as x86 CPUs without VNNI do it (`vpmaddubsw`:
 * each adjacent pair of uint8 x int8 products summed into an int16 that saturates at +-32767, then
 * `vpmaddwd` widens the pair sums into the int32 accumulator). Pairs are adjacent terms of the
 * reduction in ONNX Runtime's packed order: for a convolution (im2col over NHWC, and the direct
 * symmetric kernel) that is (ky, kx, input channel) with the channel innermost.
 */

const INT16_MAX = 32767;
const saturate16 = (v: number) => Math.max(-INT16_MAX - 1, Math.min(INT16_MAX, v));

export interface ConvIntegers {
  /** uint8 activations, [C, H, W] (batch 1). */
  input: Uint8Array;
  channels: number;
  height: number;
  width: number;
  /** The uint8 value padding stands for (the activation's zero point). */
  padValue: number;
  /** int8 weights, [M, C, KH, KW]. */
  weights: Int8Array;
  outChannels: number;
  kernel: number;
  stride: number;
  pad: number;
}

/** int32 accumulators of every output (weight zero point 0, before the activation zero-point correction). */
export function convAccumulators(conv: ConvIntegers, arithmetic: "exact" | "avx2-vpmaddubsw"): Int32Array {
  const { input, channels, height, width, padValue, weights, outChannels, kernel, stride, pad } = conv;
  const outH = Math.floor((height + 2 * pad - kernel) / stride) + 1;
  const outW = Math.floor((width + 2 * pad - kernel) / stride) + 1;
  const result = new Int32Array(outChannels * outH * outW);
  const terms = kernel * kernel * channels;
  const a = new Int32Array(terms);
  const w = new Int32Array(terms);
  for (let m = 0; m < outChannels; m++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let k = 0;
        for (let ky = 0; ky < kernel; ky++) {
          for (let kx = 0; kx < kernel; kx++) {
            const y = oy * stride + ky - pad;
            const x = ox * stride + kx - pad;
            for (let c = 0; c < channels; c++, k++) {
              a[k] = y < 0 || y >= height || x < 0 || x >= width ? padValue : input[(c * height + y) * width + x];
              w[k] = weights[((m * channels + c) * kernel + ky) * kernel + kx];
            }
          }
        }
        let sum = 0;
        for (let t = 0; t < terms; t += 2) {
          const pair = a[t] * w[t] + (t + 1 < terms ? a[t + 1] * w[t + 1] : 0);
          sum += arithmetic === "exact" ? pair : saturate16(pair);
        }
        result[(m * outH + oy) * outW + ox] = sum;
      }
    }
  }
  return result;
}

/** The stored int8 weights of a QDQ convolution: the integer initializer behind its weight's DequantizeLinear. */
export function qdqConvWeights(model: ModelProto, convName: string): { weights: Int8Array; dims: number[] } {
  const index = indexGraph(model.graph!);
  const conv = model.graph!.node.find((n) => n.name === convName);
  const dq = conv && index.producer.get(conv.input[1]);
  const stored = dq?.opType === "DequantizeLinear" ? index.initializers.get(dq.input[0]) : undefined;
  if (!stored) throw new Error(`${convName} has no DequantizeLinear weight`);
  return { weights: Int8Array.from(tensorToIntegers(stored)), dims: tensorDims(stored) };
}

/** The uint8 scale and zero point the variant quantizes an activation tensor with. */
export function activationParams(model: ModelProto, tensor: string): { scale: number; zeroPoint: number } {
  const index = indexGraph(model.graph!);
  const q = model.graph!.node.find((n) => n.opType === "QuantizeLinear" && n.input[0] === tensor);
  if (!q) throw new Error(`${tensor} is not quantized`);
  return { scale: tensorToFloat32(index.initializers.get(q.input[1])!)[0], zeroPoint: tensorToIntegers(index.initializers.get(q.input[2])!)[0] };
}

export function quantizeActivations(values: Float32Array, params: { scale: number; zeroPoint: number }): Uint8Array {
  return Uint8Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v / params.scale) + params.zeroPoint)));
}
