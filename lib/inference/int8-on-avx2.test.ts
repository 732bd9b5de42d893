import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { getModelStore } from "@/lib/models/get-model-store";
import { cloneModel, writeModel } from "@/lib/optimize/model-file";
import { quantizeStatic } from "@/lib/optimize/quantize-static";
import { buildSaturatingGraph, smallGraphInputs } from "@/lib/optimize/testing/build-small-graph";
import { EMULATED_CPU, findQemu } from "@/lib/inference/testing/emulated-cpu";
import { int8EmulationMissing, int8EmulationSkip } from "@/test/int8-emulation";

/**
 * int8 inference really run on a CPU without VNNI, whatever this machine has: the app under
 * `qemu-x86_64 -cpu Haswell` (AVX2, no AVX-512, no VNNI; qemu emulates `vpmaddubsw` with its int16
 * saturation). scripts/ensure-qemu.sh installs qemu-user for `npm test`; without it (or off x86-64)
 * this test is skipped with the reason in its name, except in CI, where it fails with the reason
 * (test/int8-emulation.ts). The evaluation images are checked on every model in
 * lib/benchmarks/int8-portability/int8-portability.eval.test.ts. Node starts in seconds under qemu on an idle
 * machine (over a minute on a busy one, hence the generous timeout) and
 * inference is 20-100x slower, so it checks one photo and two tiny graphs.
 */

const root = path.resolve(import.meta.dirname, "../..");
const PHOTO = "images/photos/skimage_coffee.png";
const missing = int8EmulationMissing([PHOTO]);
const skipReason = int8EmulationSkip(missing);

interface Report {
  auto: { precisionOption: boolean; probe: { saturates: boolean }; top3: { label: string; probability: number }[] };
  off: { precisionOption: boolean; probe: { saturates: boolean }; top3: { label: string; probability: number }[] };
  variants: { file: string; maxRelativeDifference: number }[];
}

describe("int8 on an emulated AVX2 CPU without VNNI (qemu-x86_64 -cpu Haswell)", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "ie-int8-avx2-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(skipReason)(
    `gives the VNNI answers with the remedy, and shows the saturation without it${skipReason ? ` (skipped: ${skipReason})` : ""}`,
    async () => {
      // In CI nothing may be missing: the test fails with the reason instead of skipping.
      if (missing) throw new Error(`the emulated-AVX2 test cannot run: ${missing}`);
      const qemu = findQemu()!;
      const photo = path.join(getEnv().evalDataDir!, PHOTO);
      expect((await getModelStore().resolve("mobilenetv2-int8")).available, "MobileNetV2-int8 must be available").toBe(true);
      // Two variants of a graph whose int8 pair sums overflow int16, quantized here with and without the guard.
      const files = [];
      for (const reduceRange of [true, false]) {
        const variant = cloneModel(buildSaturatingGraph());
        await quantizeStatic(variant, {
          opTypes: ["Conv", "Gemm"],
          fp32Head: false,
          excludeNodes: [],
          inputs: smallGraphInputs(12, 21),
          method: { kind: "minmax" },
          strategy: "weighted",
          saturationGuard: reduceRange ? "pairs" : "off",
        });
        files.push(writeModel(variant, path.join(work, `${reduceRange ? "guarded" : "unguarded"}.onnx`)).path);
      }
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(work, "data"), LOG_LEVEL: "silent" };
      delete env.ORT_X64_QUANT_PRECISION;
      const run = spawnSync(
        qemu,
        [
          "-cpu",
          EMULATED_CPU,
          process.execPath,
          "--conditions=react-server",
          "--import",
          "tsx",
          "lib/inference/testing/check-int8-on-this-cpu.ts",
          photo,
          ...files,
        ],
        { cwd: root, env, encoding: "utf8", timeout: 420_000 },
      );
      expect(
        run.status,
        run.stderr
          .split("\n")
          .filter((l) => !l.includes("TCG doesn't support"))
          .join("\n")
          .slice(-2000),
      ).toBe(0);
      const report = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Report;

      // The probe sees the emulated CPU's saturation (its /proc/cpuinfo shows the host's flags).
      expect(report.auto.probe.saturates).toBe(true);
      expect(report.auto.precisionOption).toBe(true);
      // With the remedy: the VNNI machine's answer (espresso 0.995 there).
      expect(report.auto.top3[0].label).toBe("espresso");
      expect(report.auto.top3[0].probability).toBeGreaterThanOrEqual(0.9);
      // Without it the same code, model and photo saturate (the issue saw consomme 0.30, espresso 0.30).
      expect(report.off.precisionOption).toBe(false);
      expect(report.off.top3[0].label === "espresso" && report.off.top3[0].probability >= 0.9).toBe(false);
      // The quantizer's guard makes a variant independent of the runtime option; 8-bit weights are not.
      const [guarded, unguarded] = report.variants;
      expect(guarded.maxRelativeDifference).toBeLessThan(1e-6);
      expect(unguarded.maxRelativeDifference).toBeGreaterThan(0.05);
    },
    480_000,
  );
});
