import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { getModelStore } from "@/lib/models/get-model-store";
import { cloneModel, writeModel } from "@/lib/optimize/model-file";
import { quantizeStatic } from "@/lib/optimize/quantize-static";
import { buildSaturatingGraph, smallGraphInputs } from "@/lib/optimize/testing/build-small-graph";

/**
 * int8 inference really run on a CPU without VNNI, whatever this machine has: the app under
 * `qemu-x86_64 -cpu Haswell` (AVX2, no AVX-512, no VNNI; qemu emulates `vpmaddubsw` with its int16
 * saturation). scripts/ensure-qemu.sh installs qemu-user for `npm test`; without it (or off x86-64)
 * this test is skipped with the reason in its name. Node starts in about 2 s under qemu and
 * inference is 20-100x slower, so it checks one photo and two tiny graphs.
 */

const root = path.resolve(import.meta.dirname, "../..");
const QEMU_CPU = "Haswell,-pcid,-x2apic,-tsc-deadline,-hle,-invpcid,-rtm"; // the flags qemu's TCG lacks, turned off to keep it quiet

function qemuPath(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v qemu-x86_64"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const qemu = qemuPath();
const photo = getEnv().evalDataDir && path.join(getEnv().evalDataDir!, "images", "photos", "skimage_coffee.png");
const skipReason =
  os.arch() !== "x64"
    ? `needs an x86-64 host (this is ${os.arch()})`
    : !qemu
      ? "qemu-x86_64 is not installed (scripts/ensure-qemu.sh installs Debian's qemu-user)"
      : !photo || !existsSync(photo)
        ? "the evaluation photo skimage_coffee.png is not here (EVAL_DATA_DIR)"
        : undefined;

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
        qemu!,
        [
          "-cpu",
          QEMU_CPU,
          process.execPath,
          "--conditions=react-server",
          "--import",
          "tsx",
          "lib/inference/testing/check-int8-on-this-cpu.ts",
          photo!,
          ...files,
        ],
        { cwd: root, env, encoding: "utf8", timeout: 150_000 },
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
    180_000,
  );
});
