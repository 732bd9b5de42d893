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
 *  - Models quantized here (lib/optimize) carry a saturation guard in their weights (no same-sign
 *    pair of int8 weights sums past 128, so a pair of uint8 x int8 products fits int16): they are
 *    exact on every CPU with the fast U8S8 kernels and need no runtime setting. The quantizer marks
 *    them with the metadata entry INT8_GUARD_METADATA_KEY.
 *  - Other int8 models (the vendor MobileNetV2-int8, 8-bit weights) need ONNX Runtime's
 *    `session.x64quantprecision = "1"`, which rewrites their weights to uint8 and runs exact but
 *    slower U8U8 kernels. It costs 2.3x CPU time on MobileNetV2-int8 on a VNNI CPU, where nothing
 *    saturates, so in "auto" mode it is set only where the probe sees saturation, and not for
 *    guarded models (ONNX Runtime would convert their weights too and slow them down for nothing).
 */

/** ONNX metadata_props key the quantizer writes: the saturation guard its int8 weights were made with. */
export const INT8_GUARD_METADATA_KEY = "insight_engine.int8_saturation_guard";

export type Int8PrecisionMode = "auto" | "on" | "off";

export interface Int8Remedy {
  mode: Int8PrecisionMode;
  cpu: CpuFeatures;
  /** The behaviour probe, or why it could not run. */
  probe?: SaturationProbe | { error: string };
  /** Whether sessions of int8 models without a saturation guard get `session.x64quantprecision = "1"` (in "on" mode: every session). */
  precisionOption: boolean;
  /** One sentence for the API and the dashboard. */
  reason: string;
  /** True when /proc/cpuinfo promises exact int8 (VNNI/AMX) but the kernels saturated: emulated or masked CPU. */
  flagsDisagree: boolean;
}

/** What the optimiser does for every variant it produces, whatever this CPU (see lib/optimize/saturation-guard.ts). */
export const PRODUCED_VARIANT_GUARD =
  "int8 weights with a saturation guard (no same-sign weight pair sums past 128), so the variants produced here are exact on CPUs with and without VNNI and need no runtime option";

const EXACT_INT8_FLAGS = ["avx512_vnni", "avx_vnni", "amx_int8"];

export function decideInt8Remedy(mode: Int8PrecisionMode, cpu: CpuFeatures, probe?: SaturationProbe | { error: string }): Int8Remedy {
  const flagsSayExact = EXACT_INT8_FLAGS.some((f) => cpu.flags.includes(f));
  const saturates = probe && "saturates" in probe ? probe.saturates : undefined;
  const flagsDisagree = saturates === true && flagsSayExact;
  const base = { mode, cpu, ...(probe ? { probe } : {}), flagsDisagree };
  if (mode === "on") return { ...base, precisionOption: true, reason: "session.x64quantprecision=1 is set on every session (ORT_X64_QUANT_PRECISION=on)." };
  if (mode === "off") {
    return {
      ...base,
      precisionOption: false,
      reason: "session.x64quantprecision is never set (ORT_X64_QUANT_PRECISION=off): 8-bit int8 models may saturate on CPUs without VNNI.",
    };
  }
  if (saturates === undefined) {
    return {
      ...base,
      precisionOption: true,
      reason: "The int8 probe could not run, so the exact U8U8 kernels (session.x64quantprecision=1) are used to be safe.",
    };
  }
  return saturates
    ? {
        ...base,
        precisionOption: true,
        reason:
          "This CPU's U8S8 int8 kernels saturate (no VNNI), so session.x64quantprecision=1 makes int8 models without a saturation guard (8-bit weights) exact; variants produced here are exact without it.",
      }
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
