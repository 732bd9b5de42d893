import { describe, expect, it } from "vitest";
import { intAttribute } from "./attributes";
import { collectChannelStats } from "./collect-channel-stats";
import { cloneModel } from "./model-file";
import { createNode } from "./onnx-proto";
import { channelPruningTensors, pruneChannels } from "./prune-channels";
import { magnitudePruningTensors, pruneMagnitude } from "./prune-magnitude";
import { tensorDims, tensorToFloat32 } from "./tensor-data";
import { buildSmallGraph, smallGraphInputs } from "./testing/build-small-graph";
import { maxAbs, runGraph } from "./testing/ort-helpers";

const inputs = smallGraphInputs(12, 5);
const magnitude = { scope: "per-layer" as const, opTypes: ["Conv", "Gemm"], minElements: 1, skipDepthwise: true, excludeNodes: [] };
const channels = { minChannels: 2, multipleOf: 1, excludeNodes: [] };
const weightOf = (model: ReturnType<typeof buildSmallGraph>, name: string) => model.graph!.initializer.find((t) => t.name === name)!;

async function meanOutputShift(parent: ReturnType<typeof buildSmallGraph>, variant: ReturnType<typeof buildSmallGraph>): Promise<number> {
  let shift = 0;
  let scale = 0;
  for (const input of inputs) {
    const a = await runGraph(parent, input.feeds);
    const b = await runGraph(variant, input.feeds);
    shift += Math.abs(b.reduce((s, v, i) => s + v - a[i], 0) / a.length);
    scale += maxAbs(a);
  }
  return shift / scale;
}

describe("magnitude pruning", () => {
  it("reaches the sparsity exactly per layer, or with one global threshold", () => {
    const perLayer = buildSmallGraph();
    const report = pruneMagnitude(perLayer, { ...magnitude, sparsity: 0.6 });
    for (const layer of report.layers) expect(layer.sparsity).toBeCloseTo(Math.floor(0.6 * layer.elements) / layer.elements, 10);
    for (const name of ["w1", "w2", "w3"]) {
      const values = tensorToFloat32(weightOf(perLayer, name));
      expect(values.filter((v) => v === 0).length).toBe(Math.floor(0.6 * values.length));
    }
    const global = buildSmallGraph();
    const globalReport = pruneMagnitude(global, { ...magnitude, sparsity: 0.6, scope: "global" });
    expect(globalReport.sparsity).toBeGreaterThanOrEqual(0.599);
    expect(globalReport.sparsity).toBeLessThan(0.61);
    // One threshold for all: the layer with the smallest weights (w2, scale 0.3) loses the most.
    const byWeight = Object.fromEntries(globalReport.layers.map((l) => [l.weight, l.sparsity]));
    expect(byWeight.w2).toBeGreaterThan(byWeight.w1);
  });

  it("keeps dense shapes, still loads, and bias correction moves outputs back towards the parent's mean", async () => {
    const parent = buildSmallGraph({ activation: "silu" });
    const plain = cloneModel(parent);
    pruneMagnitude(plain, { ...magnitude, sparsity: 0.5 });
    const corrected = cloneModel(parent);
    const stats = await collectChannelStats({ model: corrected, tensors: magnitudePruningTensors(corrected, { ...magnitude, sparsity: 0.5 }), inputs });
    pruneMagnitude(corrected, { ...magnitude, sparsity: 0.5 }, stats);
    expect(tensorDims(weightOf(corrected, "w2"))).toEqual(tensorDims(weightOf(parent, "w2")));
    expect(await meanOutputShift(parent, corrected)).toBeLessThan((await meanOutputShift(parent, plain)) * 0.7);
  });

  it("refuses a sparsity outside [0, 1)", () => {
    expect(() => pruneMagnitude(buildSmallGraph(), { ...magnitude, sparsity: 1.5 })).toThrow(/sparsity must be in \[0, 1\)/);
  });
});

describe("channel pruning", () => {
  it("removes output channels of conv1 and the matching input channels of conv2, through Relu", async () => {
    const parent = buildSmallGraph({ c1: 16, c2: 32 });
    const variant = cloneModel(parent);
    const report = pruneChannels(variant, { ...channels, ratio: 0.25 });
    expect(report.pruned.map((p) => [p.node, p.channelsBefore, p.channelsAfter])).toContainEqual(["conv1", 16, 12]);
    expect(tensorDims(weightOf(variant, "w1"))).toEqual([12, 3, 3, 3]);
    expect(tensorDims(weightOf(variant, "b1"))).toEqual([12]);
    expect(tensorDims(weightOf(variant, "w2"))[1]).toBe(12);
    // conv2 feeds GlobalAveragePool -> Flatten -> Gemm: Flatten mixes channels into features.
    expect(report.skipped).toContainEqual({ node: "conv2", reason: "Flatten flatten mixes these channels with others" });
    const output = await runGraph(variant, inputs[0].feeds);
    expect(output.length).toBe(10);
  });

  it("follows SiLU (Sigmoid + Mul of the same tensor) and uses calibration statistics to rank and compensate", async () => {
    const parent = buildSmallGraph({ c1: 16, c2: 32, activation: "silu" });
    // Make conv1 feed conv2 through SiLU as well.
    const graph = parent.graph!;
    const relu = graph.node.findIndex((n) => n.name === "relu1");
    graph.node.splice(
      relu,
      1,
      createNode({ opType: "Sigmoid", name: "sig1", input: ["conv1_out"], output: ["sig1_out"] }),
      createNode({ opType: "Mul", name: "silu1", input: ["conv1_out", "sig1_out"], output: ["relu1_out"] }),
    );
    const plain = cloneModel(parent);
    pruneChannels(plain, { ...channels, ratio: 0.5 });
    const informed = cloneModel(parent);
    const stats = await collectChannelStats({ model: informed, tensors: channelPruningTensors(informed, { ...channels, ratio: 0.5 }), inputs });
    expect([...stats.keys()]).toEqual(["relu1_out"]);
    const report = pruneChannels(informed, { ...channels, ratio: 0.5 }, stats);
    expect(report.pruned).toEqual([{ node: "conv1", channelsBefore: 16, channelsAfter: 8 }]);
    expect(await meanOutputShift(parent, informed)).toBeLessThan(await meanOutputShift(parent, plain));
  });

  it("skips a Conv whose channels meet another branch in a Concat", () => {
    const model = buildSmallGraph({ c1: 8 });
    const graph = model.graph!;
    const conv2 = graph.node.find((n) => n.name === "conv2")!;
    graph.node.splice(
      graph.node.indexOf(conv2),
      0,
      createNode({ opType: "Concat", name: "concat", input: ["relu1_out", "x"], output: ["cat"], attribute: [intAttribute("axis", 1)] }),
    );
    conv2.input[0] = "cat";
    graph.initializer.find((t) => t.name === "w2")!.dims = [32, 11, 3, 3];
    graph.initializer = graph.initializer.map((t) => (t.name === "w2" ? Object.assign(t, { rawData: new Uint8Array(32 * 11 * 9 * 4) }) : t));
    const report = pruneChannels(model, { ...channels, ratio: 0.5 });
    expect(report.skipped).toContainEqual({ node: "conv1", reason: "Concat concat mixes these channels with others" });
    expect(report.pruned.map((p) => p.node)).not.toContain("conv1");
  });
});
