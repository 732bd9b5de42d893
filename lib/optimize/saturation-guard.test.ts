import { describe, expect, it } from "vitest";
import { cloneModel } from "./model-file";
import { onnx, type ModelProto } from "./onnx-proto";
import { quantizeStatic } from "./quantize-static";
import { pairSumsFitInt16, quantizeSymmetricInt8, REDUCED_WEIGHT_LEVELS } from "./quantize-values";
import { buildSaturatingGraph, smallGraphInputs } from "./testing/build-small-graph";
import { maxAbs, maxAbsDifference, runGraph } from "./testing/ort-helpers";
import { activationParams, convAccumulators, qdqConvWeights, quantizeActivations } from "./testing/simulate-u8s8";

/**
 * The quantizer's saturation guard, proven without depending on this machine's CPU: the int8
 * arithmetic of the produced convolution is simulated in JavaScript exactly and as an AVX2 CPU
 * without VNNI does it (pairs of uint8 x int8 products saturating in int16). With the guard the
 * two agree on every output; without it they do not (so this test can fail). The same graphs run
 * on a really emulated AVX2 CPU in lib/inference/int8-portability.qemu.test.ts.
 */

const calibration = smallGraphInputs(12, 21);
const heldOut = smallGraphInputs(4, 77);
const options = { opTypes: ["Conv", "Gemm"], fp32Head: false, excludeNodes: [], inputs: calibration, method: { kind: "minmax" as const }, strategy: "weighted" as const };

async function conv2Accumulators(parent: ModelProto, variant: ModelProto, input: (typeof heldOut)[number]) {
  // The parent's fp32 activations entering conv2, quantized with the variant's own parameters.
  const probe = cloneModel(parent);
  probe.graph!.output = [onnx.ValueInfoProto.create({ name: "relu1_out", type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } })];
  const params = activationParams(variant, "relu1_out");
  const activations = quantizeActivations(await runGraph(probe, input.feeds), params);
  const { weights, dims } = qdqConvWeights(variant, "conv2");
  const conv = { input: activations, channels: 8, height: 16, width: 16, padValue: params.zeroPoint, weights, outChannels: dims[0], kernel: 3, stride: 2, pad: 1 };
  return { weights, exact: convAccumulators(conv, "exact"), avx2: convAccumulators(conv, "avx2-vpmaddubsw") };
}

const differing = (a: Int32Array, b: Int32Array) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);

describe("int8 saturation guard (7-bit weights)", () => {
  it("quantizes weights to [-64, 64], a range whose pair sums fit int16 for any uint8 input", () => {
    const values = Float32Array.from([1, -0.5, 0.25, 0.9, -1, 0.1]);
    const full = quantizeSymmetricInt8(values, [2, 3], 0);
    const reduced = quantizeSymmetricInt8(values, [2, 3], 0, REDUCED_WEIGHT_LEVELS);
    expect([...full.values]).toEqual([127, -64, 32, 114, -127, 13]);
    expect([...reduced.values]).toEqual([64, -32, 16, 58, -64, 6]);
    expect(pairSumsFitInt16(full.values)).toBe(false);
    expect(pairSumsFitInt16(reduced.values)).toBe(true);
  });

  it("makes the produced convolution exact under AVX2's saturating pair sums, where 8-bit weights are not", async () => {
    const parent = buildSaturatingGraph();
    const guarded = cloneModel(parent);
    expect((await quantizeStatic(guarded, options)).weightLevels).toBe(64);
    const unguarded = cloneModel(parent);
    expect((await quantizeStatic(unguarded, { ...options, reduceRange: false })).weightLevels).toBe(127);

    let guardedDiffer = 0;
    let unguardedDiffer = 0;
    let outputs = 0;
    for (const input of heldOut) {
      const withGuard = await conv2Accumulators(parent, guarded, input);
      const without = await conv2Accumulators(parent, unguarded, input);
      expect(pairSumsFitInt16(withGuard.weights)).toBe(true);
      expect(pairSumsFitInt16(without.weights)).toBe(false);
      guardedDiffer += differing(withGuard.exact, withGuard.avx2);
      unguardedDiffer += differing(without.exact, without.avx2);
      outputs += without.exact.length;
    }
    expect(guardedDiffer).toBe(0);
    // Not a corner case: most outputs of this layer would be wrong on an AVX2 CPU without the guard.
    expect(unguardedDiffer / outputs).toBeGreaterThan(0.5);
  });

  it("costs little accuracy on this graph: the guarded variant stays within 3% of the parent's output range", async () => {
    const parent = buildSaturatingGraph();
    const guarded = cloneModel(parent);
    await quantizeStatic(guarded, options);
    for (const input of heldOut) {
      const expected = await runGraph(parent, input.feeds);
      expect(maxAbsDifference(expected, await runGraph(guarded, input.feeds)) / maxAbs(expected)).toBeLessThan(0.03);
    }
  });
});
