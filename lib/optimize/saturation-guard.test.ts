import { describe, expect, it } from "vitest";
import { cloneModel } from "./model-file";
import { createNode, onnx, type ModelProto } from "./onnx-proto";
import { quantizeStatic } from "./quantize-static";
import { dequantizeSymmetricInt8, quantizeSymmetricInt8 } from "./quantize-values";
import { anyPairFitsInt16, pairsFitInt16, quantizePairGuarded, reductionPartners, SEVEN_BIT_LEVELS, type SaturationGuard } from "./saturation-guard";
import { seededRandom } from "../seeded-random";
import { buildSaturatingGraph, randomValues, smallGraphInputs } from "./testing/build-small-graph";
import { maxAbs, maxAbsDifference, runGraph } from "./testing/ort-helpers";
import { activationParams, convAccumulators, qdqConvWeights, quantizeActivations } from "./testing/simulate-u8s8";
import { intAttribute } from "./attributes";

/**
 * The quantizer's saturation guard, proven without depending on this machine's CPU: the int8
 * arithmetic of the produced convolution is simulated in JavaScript exactly and as an AVX2 CPU
 * without VNNI does it (pairs of uint8 x int8 products saturating in int16). With a guard the two
 * agree on every output; without one they do not (so this test can fail). The same graphs run on a
 * really emulated AVX2 CPU in lib/inference/int8-on-avx2.test.ts.
 */

const calibration = smallGraphInputs(12, 21);
const heldOut = smallGraphInputs(4, 77);
const options = {
  opTypes: ["Conv", "Gemm"],
  fp32Head: false,
  excludeNodes: [],
  inputs: calibration,
  method: { kind: "minmax" as const },
  strategy: "weighted" as const,
};

async function quantized(guard: SaturationGuard) {
  const variant = cloneModel(buildSaturatingGraph());
  const report = await quantizeStatic(variant, { ...options, saturationGuard: guard });
  expect(report.saturationGuard).toBe(guard);
  return variant;
}

async function conv2Accumulators(parent: ModelProto, variant: ModelProto, input: (typeof heldOut)[number]) {
  // The parent's fp32 activations entering conv2, quantized with the variant's own parameters.
  const probe = cloneModel(parent);
  probe.graph!.output = [onnx.ValueInfoProto.create({ name: "relu1_out", type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } })];
  const params = activationParams(variant, "relu1_out");
  const activations = quantizeActivations(await runGraph(probe, input.feeds), params);
  const { weights, dims } = qdqConvWeights(variant, "conv2");
  const conv = {
    input: activations,
    channels: 8,
    height: 16,
    width: 16,
    padValue: params.zeroPoint,
    weights,
    outChannels: dims[0],
    kernel: 3,
    stride: 2,
    pad: 1,
  };
  return { weights, dims, exact: convAccumulators(conv, "exact"), avx2: convAccumulators(conv, "avx2-vpmaddubsw") };
}

const differing = (a: Int32Array, b: Int32Array) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);
const conv = () => createNode({ opType: "Conv", name: "c", input: ["x", "w"], output: ["y"] });

describe("int8 saturation guard", () => {
  it("pairs weights the way ONNX Runtime's x86 kernels do: (ky, kx, channel) for convolutions, along K for Gemm", () => {
    // Conv weight [M=1, C=3, 1, 2] (flat index c * 2 + kx), reduced as kx=0: c0 c1 c2, then kx=1: c0 c1 c2,
    // i.e. flat indices 0 2 4 1 3 5, paired (0, 2), (4, 1), (3, 5): with 3 channels a pair spans two kernel positions.
    const partner = reductionPartners(conv(), [1, 3, 1, 2])!;
    expect([...partner]).toEqual([2, 4, 0, 5, 1, 3]);
    const gemm = createNode({ opType: "Gemm", name: "g", input: ["x", "w"], output: ["y"], attribute: [intAttribute("transB", 1)] });
    expect([...reductionPartners(gemm, [2, 4])!]).toEqual([1, 0, 3, 2, 5, 4, 7, 6]);
    expect(reductionPartners(createNode({ opType: "ConvTranspose", name: "t", input: [], output: [] }), [2, 2, 3, 3])).toBeUndefined();
  });

  it("keeps every same-sign pair within 128 while keeping more precision than 7-bit weights", () => {
    const dims = [16, 8, 3, 3];
    const values = randomValues(16 * 72, seededRandom(9), 1);
    const partner = reductionPartners(conv(), dims)!;
    const plain = quantizeSymmetricInt8(values, dims, 0);
    const pairs = quantizePairGuarded(values, dims, 0, partner);
    const sevenBit = quantizeSymmetricInt8(values, dims, 0, SEVEN_BIT_LEVELS);
    expect(pairsFitInt16(plain.values, partner)).toBe(false);
    expect(pairsFitInt16(pairs.values, partner)).toBe(true);
    expect(anyPairFitsInt16(sevenBit.values)).toBe(true);
    const error = (q: typeof plain) => dequantizeSymmetricInt8(q, dims, 0).reduce((s, v, i) => s + (v - values[i]) ** 2, 0);
    expect(error(pairs)).toBeLessThan(error(sevenBit) * 0.6);
    expect(error(plain)).toBeLessThan(error(pairs));
  });

  it.each(["pairs", "7-bit"] as const)(
    "with the %s guard the produced convolution is exact under AVX2's saturating pair sums; unguarded it is not",
    async (guard) => {
      const parent = buildSaturatingGraph();
      const [guarded, unguarded] = [await quantized(guard), await quantized("off")];
      let guardedDiffer = 0;
      let unguardedDiffer = 0;
      let outputs = 0;
      for (const input of heldOut) {
        const withGuard = await conv2Accumulators(parent, guarded, input);
        const without = await conv2Accumulators(parent, unguarded, input);
        const partner = reductionPartners(conv(), withGuard.dims)!;
        expect(pairsFitInt16(withGuard.weights, partner)).toBe(true);
        expect(pairsFitInt16(without.weights, partner)).toBe(false);
        guardedDiffer += differing(withGuard.exact, withGuard.avx2);
        unguardedDiffer += differing(without.exact, without.avx2);
        outputs += without.exact.length;
      }
      expect(guardedDiffer).toBe(0);
      // Not a corner case: most outputs of this layer would be wrong on an AVX2 CPU without a guard.
      expect(unguardedDiffer / outputs).toBeGreaterThan(0.5);
    },
  );

  it("costs little accuracy on this graph: the pair-guarded variant stays within 3% of the parent's output range", async () => {
    const parent = buildSaturatingGraph();
    const guarded = await quantized("pairs");
    for (const input of heldOut) {
      const expected = await runGraph(parent, input.feeds);
      expect(maxAbsDifference(expected, await runGraph(guarded, input.feeds)) / maxAbs(expected)).toBeLessThan(0.03);
    }
  });
});
