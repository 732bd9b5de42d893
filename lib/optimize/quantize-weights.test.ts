import { describe, expect, it } from "vitest";
import { cloneModel, encodeModel } from "./model-file";
import { quantizeWeightsOnly } from "./quantize-weights";
import { dequantizeSymmetricInt8, quantizeSymmetricInt8, uint8Params } from "./quantize-values";
import { buildSmallGraph, smallGraphInputs } from "./testing/build-small-graph";
import { maxAbs, maxAbsDifference, optimizedOpTypes, runGraph } from "./testing/ort-helpers";
import { opsetVersion } from "./upgrade-opset";

describe("quantization arithmetic", () => {
  it("quantizes weights per channel symmetrically within half a step", () => {
    const values = Float32Array.from([0.5, -1, 0.25, 0, 10, -5, 2.5, 0]);
    const q = quantizeSymmetricInt8(values, [2, 4], 0);
    expect(Array.from(q.scales)).toEqual([Math.fround(1 / 127), Math.fround(10 / 127)]);
    expect(q.values[1]).toBe(-127);
    expect(q.values[4]).toBe(127);
    const back = dequantizeSymmetricInt8(q, [2, 4], 0);
    back.forEach((v, i) => expect(Math.abs(v - values[i])).toBeLessThanOrEqual(q.scales[i < 4 ? 0 : 1] / 2 + 1e-7));
  });

  it("keeps 0.0 exact in uint8 activation parameters", () => {
    const { scale, zeroPoint } = uint8Params(-1.3, 4.2);
    // 0.0 maps to the integer zero point, so zero padding stays exactly zero; the range is covered.
    expect(Number.isInteger(zeroPoint)).toBe(true);
    expect(zeroPoint).toBe(Math.round(1.3 / scale));
    expect((0 - zeroPoint) * scale).toBeLessThanOrEqual(-1.3 + scale / 2);
    expect((255 - zeroPoint) * scale).toBeGreaterThanOrEqual(4.2 - scale / 2);
    expect(uint8Params(0.5, 2)).toEqual({ scale: Math.fround(2 / 255), zeroPoint: 0 });
    expect(uint8Params(3, 3)).toEqual({ scale: Math.fround(3 / 255), zeroPoint: 0 });
  });
});

describe("weight-only int8", () => {
  const inputs = smallGraphInputs(4, 21);
  const options = { opTypes: ["Conv", "Gemm"], perChannel: true, minElements: 16 };

  for (const form of ["cast-mul", "dequantize-linear"] as const) {
    it(`(${form}) stores int8 weights, stays within 2% of the parent and shrinks the file >3x`, async () => {
      const parent = buildSmallGraph({ c1: 16, c2: 64, opset: 11 });
      const variant = cloneModel(parent);
      const report = quantizeWeightsOnly(variant, { ...options, form });
      expect(report.quantizedNodes).toBe(3);
      for (const input of inputs) {
        const expected = await runGraph(parent, input.feeds);
        expect(maxAbsDifference(expected, await runGraph(variant, input.feeds)) / maxAbs(expected)).toBeLessThan(0.02);
      }
      expect(encodeModel(parent).byteLength / encodeModel(variant).byteLength).toBeGreaterThan(3);
      const kernels = await optimizedOpTypes(variant);
      if (form === "cast-mul") {
        // Decompressed once at load: ORT folds Cast and Mul away and runs plain fp32 kernels.
        expect(opsetVersion(variant)).toBe(11);
        expect(kernels.Cast ?? 0).toBe(0);
        expect(kernels.DequantizeLinear ?? 0).toBe(0);
      } else {
        // Per-channel DequantizeLinear needs opset 13, and ORT keeps it in the graph (run every time).
        expect(opsetVersion(variant)).toBe(13);
        expect(kernels.DequantizeLinear).toBe(3);
      }
    });
  }

  it("leaves weights below minElements in fp32", () => {
    const variant = buildSmallGraph({ c1: 4, c2: 8 });
    const report = quantizeWeightsOnly(variant, { ...options, minElements: 200, form: "cast-mul" });
    expect(report.quantizedNodes).toBe(1);
    expect(report.skippedNodes.map((s) => s.node).sort()).toEqual(["conv1", "fc"]);
  });
});
