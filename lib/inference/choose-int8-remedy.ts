import "server-only";
import { getEnv } from "../env";
import { log } from "../log";
import { processSingleton } from "../process-singletons";
import { probeInt8Saturation, type SaturationProbe } from "./probe-int8-saturation";
import { readCpuFeatures, type CpuFeatures } from "./read-cpu-features";

/**
 * How this instance keeps int8 answers the same on every x86 CPU, decided once per process.
 *
 * Two remedies, measured (README, "Portable int8"):
 *  - Models quantized here (lib/optimize) store 7-bit weights (reduce-range, [-64, 64]): a pair of
 *    products is then at most 255 * 64 * 2 = 32640, inside int16, so the fast U8S8 kernels are
 *    exact on every CPU and these files need no runtime setting.
 *  - Models quantized elsewhere with 8-bit weights (the vendor MobileNetV2-int8) need ONNX Runtime's
 *    `session.x64quantprecision = "1"`, which rewrites their weights to uint8 and runs exact U8U8
 *    kernels. It costs 2.3x CPU time on MobileNetV2-int8 on a VNNI CPU, where nothing saturates, so
 *    it is set only where the probe sees saturation (ORT_X64_QUANT_PRECISION=auto). ONNX Runtime
 *    leaves weights that already fit 7 bits alone, so the option does not slow the variants made here.
 */

export type Int8PrecisionMode = "auto" | "on" | "off";

export interface Int8Remedy {
  mode: Int8PrecisionMode;
  cpu: CpuFeatures;
  /** The behaviour probe, or why it could not run. */
  probe?: SaturationProbe | { error: string };
  /** Whether every session gets `session.x64quantprecision = "1"`. */
  precisionOption: boolean;
  /** One sentence for the API and the dashboard. */
  reason: string;
  /** True when /proc/cpuinfo promises exact int8 (VNNI/AMX) but the kernels saturated: emulated or masked CPU. */
  flagsDisagree: boolean;
}

/** What the optimiser does for every variant it produces, whatever this CPU (see quantize-values.ts). */
export const PRODUCED_VARIANT_GUARD = "7-bit weights (reduce-range) in every int8 kernel of the variants produced here: exact on CPUs with and without VNNI";

const EXACT_INT8_FLAGS = ["avx512_vnni", "avx_vnni", "amx_int8"];

export function decideInt8Remedy(mode: Int8PrecisionMode, cpu: CpuFeatures, probe?: SaturationProbe | { error: string }): Int8Remedy {
  const flagsSayExact = EXACT_INT8_FLAGS.some((f) => cpu.flags.includes(f));
  const saturates = probe && "saturates" in probe ? probe.saturates : undefined;
  const flagsDisagree = saturates === true && flagsSayExact;
  const base = { mode, cpu, ...(probe ? { probe } : {}), flagsDisagree };
  if (mode === "on") return { ...base, precisionOption: true, reason: "session.x64quantprecision=1 is set on every session (ORT_X64_QUANT_PRECISION=on)." };
  if (mode === "off") {
    return { ...base, precisionOption: false, reason: "session.x64quantprecision is never set (ORT_X64_QUANT_PRECISION=off): 8-bit int8 models may saturate on CPUs without VNNI." };
  }
  if (saturates === undefined) {
    return { ...base, precisionOption: true, reason: "The int8 probe could not run, so the exact U8U8 kernels (session.x64quantprecision=1) are used to be safe." };
  }
  return saturates
    ? { ...base, precisionOption: true, reason: "This CPU's U8S8 int8 kernels saturate (no VNNI), so session.x64quantprecision=1 makes 8-bit int8 models exact." }
    : { ...base, precisionOption: false, reason: "This CPU's U8S8 int8 kernels are exact (VNNI or AMX), so no runtime option is needed." };
}

/** The remedy of this process (probe run once, on first use). */
export function getInt8Remedy(): Promise<Int8Remedy> {
  return processSingleton("int8-remedy", async () => {
    const mode = getEnv().ORT_X64_QUANT_PRECISION;
    const cpu = readCpuFeatures();
    // Probed in every mode, so the API reports what the kernels do even when the mode is forced.
    const probe = await probeInt8Saturation().catch((error: Error) => ({ error: error.message }));
    const remedy = decideInt8Remedy(mode, cpu, probe);
    log.info({ mode, precisionOption: remedy.precisionOption, probe, flags: cpu.flags }, "int8 remedy chosen");
    return remedy;
  });
}
