import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { measurePerformance } from "@/lib/benchmarks/measure-performance";
import { resetEnvForTests } from "@/lib/env";
import { collectRanges } from "@/lib/optimize/calibrate-ranges";
import { collectChannelStats } from "@/lib/optimize/collect-channel-stats";
import { compareLatency } from "@/lib/optimize/compare-latency";
import { measureLatency } from "@/lib/optimize/measure-latency";
import { encodeModel } from "@/lib/optimize/model-file";
import { onnx } from "@/lib/optimize/onnx-proto";
import { runModelOutputs } from "@/lib/optimize/run-model-outputs";
import { buildSmallGraph, smallGraphInputs } from "@/lib/optimize/testing/build-small-graph";
import { optimizedOpTypes, runGraph } from "@/lib/optimize/testing/ort-helpers";
import { forgetProcessSingletons } from "@/lib/process-singletons";
import { decideInt8Remedy, getInt8Remedy } from "@/lib/inference/choose-int8-remedy";
import { OffLoopSession } from "@/lib/inference/off-loop/off-loop-session";
import { loadModel, releaseAllSessions } from "@/lib/inference/session-pool";
import { markSaturationGuard } from "@/lib/optimize/quantize-static";
import { buildSessionOptions, hasSaturationGuard, needsPrecisionOption } from "@/lib/inference/session-options";

/**
 * Every ONNX Runtime session the app creates carries the int8 remedy: each creation path is driven
 * here with ORT_X64_QUANT_PRECISION=on and the options it passed to InferenceSession.create are
 * checked, whatever this machine's CPU. A source scan makes a new creation path fail this test until
 * it is driven here too. The only sessions without the remedy are the saturation probe's own (and
 * the emulated-CPU check's, which sets the option explicitly both ways).
 */

const root = path.resolve(import.meta.dirname, "../..");
const COVERED_FILES = [
  "lib/inference/inference-backend.ts",
  // The serving path's sessions are created on an inference thread, with the options inference-backend.ts built.
  "lib/inference/off-loop/session-thread.mjs",
  // Deliberate exceptions: the probe measures the kernels as they are, and the emulated-CPU check
  // runs variant files with the option explicitly off and on (through buildSessionOptions) to compare.
  "lib/inference/probe-int8-saturation.ts",
  "lib/inference/testing/check-int8-on-this-cpu.ts",
  // The arena measurement builds its options with sessionOptions (the remedy included), the arena forced each way.
  "scripts/measure-session-memory.ts",
  "lib/benchmarks/measure-performance.ts",
  "lib/optimize/run-model-outputs.ts",
  "lib/optimize/compare-latency.ts",
  "lib/optimize/measure-latency.ts",
  "lib/optimize/calibrate-ranges.ts",
  "lib/optimize/collect-channel-stats.ts",
  "lib/optimize/testing/ort-helpers.ts",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}

const isProbeGraph = (model: unknown) => model instanceof Uint8Array && onnx.ModelProto.decode(model).graph?.name === "int8-saturation-probe";

async function setMode(mode: "on" | "off" | "auto") {
  process.env.ORT_X64_QUANT_PRECISION = mode;
  resetEnvForTests();
  forgetProcessSingletons("int8-remedy");
  await releaseAllSessions();
}

describe("session options", () => {
  const create = vi.spyOn(ort.InferenceSession, "create");
  beforeEach(() => {
    create.mockClear();
  });
  afterAll(async () => {
    create.mockRestore();
    delete process.env.ORT_X64_QUANT_PRECISION;
    await setMode("auto");
  });

  it("no source file creates a session outside the paths driven below", () => {
    const creating = ["lib", "app", "scripts", "components"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => readFileSync(file, "utf8").includes("InferenceSession.create("))
      .map((file) => path.relative(root, file))
      .sort();
    expect(creating).toEqual([...COVERED_FILES].sort());
  });

  it("sets session.x64quantprecision, at an optimisation level where it takes effect, on every creation path", async () => {
    await setMode("on");
    const model = buildSmallGraph({ activation: "relu" });
    const bytes = encodeModel(model);
    const inputs = smallGraphInputs(2, 5);
    // Served sessions are created on an inference thread (INFERENCE_THREADS), out of this spy's sight:
    // the options the thread was handed are checked with the rest.
    const served = (await loadModel("mobilenetv2-int8")).session as OffLoopSession;
    const mobilenet = (await import("@/lib/models/get-model-store")).getModelStore();
    const mobilenetPath = (await mobilenet.filePath("mobilenetv2-int8", "model"))!;
    const feeds = { input: new ort.Tensor("float32", new Float32Array(3 * 224 * 224), [1, 3, 224, 224]) };
    await measurePerformance({
      modelPath: mobilenetPath,
      sizeBytes: 1,
      input: { source: "zeros", synthetic: true, feeds },
      config: { runs: 1, warmUp: 0, threads: [1], batchSizes: [] },
    });
    await runModelOutputs(bytes, inputs);
    await measureLatency({ model: bytes, feeds: inputs[0].feeds, threads: 1, runs: 1, warmupRuns: 0 });
    await compareLatency({ models: [{ id: "a", model: bytes }], feeds: inputs[0].feeds, threads: 1, runs: 1, warmupRuns: 0 });
    await collectRanges({ model, tensors: ["relu1_out"], inputs, method: { kind: "minmax" } });
    await collectChannelStats({ model, tensors: new Map([["relu1_out", "channels-first" as const]]), inputs });
    await runGraph(model, inputs[0].feeds);
    await optimizedOpTypes(model);

    const calls = create.mock.calls.filter(([first]) => !isProbeGraph(first));
    expect(served).toBeInstanceOf(OffLoopSession);
    expect(calls.length).toBe(8);
    for (const options of [...calls.map(([, options]) => options), served.options]) {
      const sessionOptions = options as ort.InferenceSession.SessionOptions & { extra?: { session?: Record<string, unknown> } };
      expect(sessionOptions.extra?.session?.x64quantprecision).toBe("1");
      expect(["extended", "all"]).toContain(sessionOptions.graphOptimizationLevel);
    }
  });

  it("creates a serving session without the memory arena only where the manifest says so (the OCR detector)", async () => {
    await setMode("off");
    // Served sessions live on inference threads: the options each was handed are on its OffLoopSession.
    const optionsOf = async (id: string) => ((await loadModel(id)).session as OffLoopSession).options as ort.InferenceSession.SessionOptions;
    expect((await optionsOf("ppocr-v4-det")).enableCpuMemArena).toBe(false);
    expect((await optionsOf("ppocr-v4-rec")).enableCpuMemArena).toBeUndefined();
    expect(buildSessionOptions({ memoryArena: true }, false).enableCpuMemArena).toBeUndefined();
  });

  it("leaves the option off when the mode says so, and in auto mode follows the probe", async () => {
    await setMode("off");
    await runModelOutputs(encodeModel(buildSmallGraph()), smallGraphInputs(1));
    const off = create.mock.calls.filter(([first]) => !isProbeGraph(first)).at(-1)![1] as { extra: { session: Record<string, unknown> } };
    expect(off.extra.session.x64quantprecision).toBeUndefined();

    await setMode("auto");
    const remedy = await getInt8Remedy();
    expect(remedy.probe && "saturates" in remedy.probe).toBe(true);
    expect(remedy.precisionOption).toBe((remedy.probe as { saturates: boolean }).saturates);
  });

  it("chooses the option only where int8 kernels saturate, and says when the flags disagree with them", () => {
    const cpu = { model: "x", arch: "x64", flags: ["avx2", "avx512f", "avx512_vnni"], source: "/proc/cpuinfo" as const };
    const exact = { saturates: false, gemm: { expected: 1, actual: 1, exact: true }, conv: { expected: 1, actual: 1, exact: true } };
    const saturating = { saturates: true, gemm: { expected: 2, actual: 1, exact: false }, conv: { expected: 2, actual: 1, exact: false } };
    expect(decideInt8Remedy("auto", cpu, exact)).toMatchObject({ precisionOption: false, flagsDisagree: false });
    // qemu-user reports the host's flags (VNNI) while emulating a Haswell whose kernels saturate.
    expect(decideInt8Remedy("auto", cpu, saturating)).toMatchObject({ precisionOption: true, flagsDisagree: true });
    expect(decideInt8Remedy("auto", { ...cpu, flags: ["avx2"] }, saturating)).toMatchObject({ precisionOption: true, flagsDisagree: false });
    expect(decideInt8Remedy("auto", cpu, { error: "boom" })).toMatchObject({ precisionOption: true });
    expect(decideInt8Remedy("off", cpu, saturating).precisionOption).toBe(false);
    expect(buildSessionOptions({ level: "basic", threads: 1 }, true).graphOptimizationLevel).toBe("extended");
    expect(buildSessionOptions({ level: "basic", threads: 1 }, false).graphOptimizationLevel).toBe("basic");
  });

  it("skips the option for models whose weights the quantizer guarded (marked in their metadata), unless forced on", () => {
    const plain = buildSmallGraph();
    const guarded = buildSmallGraph();
    markSaturationGuard(guarded, "pairs");
    const unguarded = buildSmallGraph();
    markSaturationGuard(unguarded, "off");
    expect(hasSaturationGuard(encodeModel(guarded))).toBe(true);
    expect(hasSaturationGuard(encodeModel(unguarded))).toBe(false);
    expect(hasSaturationGuard(encodeModel(plain))).toBe(false);
    const saturating = { mode: "auto" as const, precisionOption: true };
    expect(needsPrecisionOption(saturating, encodeModel(plain))).toBe(true);
    expect(needsPrecisionOption(saturating, encodeModel(unguarded))).toBe(true);
    expect(needsPrecisionOption(saturating, encodeModel(guarded))).toBe(false);
    expect(needsPrecisionOption({ mode: "on", precisionOption: true }, encodeModel(guarded))).toBe(true);
    expect(needsPrecisionOption({ mode: "auto", precisionOption: false }, encodeModel(plain))).toBe(false);
  });
});
