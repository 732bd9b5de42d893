import { describe, expect, it } from "vitest";
import { collectRanges } from "./calibrate-ranges";
import { cloneModel, encodeModel } from "./model-file";
import { quantizeStatic } from "./quantize-static";
import { buildSmallGraph, smallGraphInputs } from "./testing/build-small-graph";
import { maxAbs, maxAbsDifference, optimizedOpTypes, runGraph } from "./testing/ort-helpers";
import { opsetVersion } from "./upgrade-opset";

const calibration = smallGraphInputs(16, 11);
const heldOut = smallGraphInputs(6, 99);

async function worstRelativeError(parent: ReturnType<typeof buildSmallGraph>, variant: ReturnType<typeof buildSmallGraph>) {
  let worst = 0;
  for (const input of heldOut) {
    const expected = await runGraph(parent, input.feeds);
    const actual = await runGraph(variant, input.feeds);
    worst = Math.max(worst, maxAbsDifference(expected, actual) / maxAbs(expected));
  }
  return worst;
}

const options = { opTypes: ["Conv", "Gemm"], fp32Head: false, excludeNodes: [], inputs: calibration, method: { kind: "minmax" as const } };

describe("static QDQ quantization", () => {
  it("calibrates min-max and percentile ranges from runs of the model", async () => {
    const model = buildSmallGraph({ opset: 13 });
    const minmax = await collectRanges({ model, tensors: ["x", "relu1_out", "conv2_out"], inputs: calibration, method: { kind: "minmax" } });
    const clipped = await collectRanges({ model, tensors: ["relu1_out", "conv2_out"], inputs: calibration, method: { kind: "percentile", percentile: 99 } });
    expect(minmax.get("x")!.min).toBeGreaterThanOrEqual(0);
    expect(minmax.get("x")!.max).toBeLessThanOrEqual(1);
    expect(minmax.get("relu1_out")!.min).toBe(0);
    expect(minmax.get("conv2_out")!.min).toBeLessThan(0);
    // Clipping 1% of the mass on each side narrows the range but keeps its sign structure.
    expect(clipped.get("conv2_out")!.max).toBeLessThan(minmax.get("conv2_out")!.max);
    expect(clipped.get("conv2_out")!.min).toBeGreaterThan(minmax.get("conv2_out")!.min);
    expect(clipped.get("relu1_out")!.min).toBe(0);
  });

  it("writes QDQ that ORT fuses into int8 kernels and stays within 5% of the parent's output range", async () => {
    const parent = buildSmallGraph({ activation: "relu", opset: 11, c1: 16, c2: 64 });
    const variant = cloneModel(parent);
    const report = await quantizeStatic(variant, { ...options, strategy: "weighted" });
    expect(report.byOpType).toEqual({ Conv: 2, Gemm: 1 });
    expect(opsetVersion(variant)).toBe(13);
    const kernels = await optimizedOpTypes(variant);
    expect(kernels.QLinearConv).toBe(2);
    expect(kernels.Conv ?? 0).toBe(0);
    // Relu after a Conv is absorbed: the Q after it clips at zero, so no Relu kernel remains.
    expect(kernels.Relu ?? 0).toBe(0);
    // The last Gemm has a float graph output; ORT still runs it as an int8 QGemm.
    expect(kernels.QGemm).toBe(1);
    expect(await worstRelativeError(parent, variant)).toBeLessThan(0.05);
    expect(encodeModel(variant).byteLength).toBeLessThan(encodeModel(parent).byteLength / 2.5);
  });

  it("with strategy 'all' keeps SiLU's Sigmoid and Mul in int8 too", async () => {
    const parent = buildSmallGraph({ activation: "silu", opset: 13 });
    const weighted = cloneModel(parent);
    await quantizeStatic(weighted, { ...options, strategy: "weighted" });
    const all = cloneModel(parent);
    const report = await quantizeStatic(all, { ...options, strategy: "all" });
    expect(report.byOpType).toMatchObject({ Conv: 2, Sigmoid: 1, Mul: 1 });
    const kernels = await optimizedOpTypes(all);
    expect(kernels.QLinearSigmoid).toBe(1);
    expect(kernels.QLinearMul).toBe(1);
    expect((await optimizedOpTypes(weighted)).Sigmoid).toBe(1);
    expect(await worstRelativeError(parent, all)).toBeLessThan(0.06);
  });

  it("keeps leading layers in fp32 when accuracy-aware tuning asks for it", async () => {
    const parent = buildSmallGraph({ activation: "relu" });
    const variant = cloneModel(parent);
    // A judge that only accepts candidates whose first Conv is not quantized (it reads x itself, not
    // a dequantized copy) forces k >= 1.
    const judge = async (candidate: typeof parent) => (candidate.graph!.node.some((n) => n.name === "conv1" && n.input[0] === "x") ? 1 : 0);
    const error = async () => 0;
    const report = await quantizeStatic(variant, { ...options, strategy: "weighted", tuning: { mode: "leading-layers", target: 0.5, judge, error } });
    expect(report.tuning?.fp32Nodes).toBeGreaterThan(0);
    expect(report.tuning?.trials[0]).toEqual({ fp32: 0, agreement: 0 });
    const conv1 = variant.graph!.node.find((n) => n.name === "conv1")!;
    expect(conv1.input[0]).toBe("x");
    expect(report.byOpType).toEqual({ Conv: 1, Gemm: 1 });
    // The fp32 Conv still stores int8 weights, decompressed by Cast + Mul (folded by ORT at load).
    const weightProducer = variant.graph!.node.find((n) => n.output[0] === conv1.input[1])!;
    expect(weightProducer.opType).toBe("Mul");
    expect((await optimizedOpTypes(variant)).Cast ?? 0).toBe(0);
  });

  it("sensitivity tuning keeps the most damaging tensors fp32 until the judge is satisfied", async () => {
    const parent = buildSmallGraph({ activation: "silu", c1: 16, c2: 64 });
    const reference = await Promise.all(calibration.map((i) => runGraph(parent, i.feeds)));
    const relativeError = async (candidate: typeof parent) => {
      let worst = 0;
      for (const [i, input] of calibration.entries())
        worst = Math.max(worst, maxAbsDifference(reference[i], await runGraph(candidate, input.feeds)) / maxAbs(reference[i]));
      return worst;
    };
    const untuned = cloneModel(parent);
    await quantizeStatic(untuned, { ...options, strategy: "all" });
    const untunedError = await relativeError(untuned);
    // Ask for a smaller error than full int8 gives: reachable only by keeping some tensors in fp32.
    const target = 1 - untunedError * 0.8;
    const tuned = cloneModel(parent);
    const report = await quantizeStatic(tuned, {
      ...options,
      strategy: "all",
      tuning: { mode: "sensitivity", target, judge: async (c) => 1 - (await relativeError(c)), error: relativeError },
    });
    expect(report.tuning?.fp32Tensors.length).toBeGreaterThan(0);
    expect(report.tuning!.trials[0].agreement).toBeLessThan(target);
    expect(1 - (await relativeError(tuned))).toBeGreaterThanOrEqual(target);
    expect(report.quantizedNodes).toBeGreaterThan(0);
  });
});
