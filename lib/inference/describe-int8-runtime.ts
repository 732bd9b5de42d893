import "server-only";
import { z } from "zod";
import { getInt8Remedy, PRODUCED_VARIANT_GUARD, type Int8Remedy } from "./choose-int8-remedy";

/** What this instance found about int8 on its CPU and what it chose, as GET /api/v1/models and the dashboard show it. */

const kernelProbeSchema = z.object({ expected: z.number(), actual: z.number(), exact: z.boolean() });

export const int8RuntimeSchema = z.object({
  cpu: z.object({
    model: z.string(),
    arch: z.string(),
    /** int8-relevant instruction sets as the OS reports them (avx2, avx512f, avx512_vnni, avx_vnni, amx_int8...). */
    flags: z.array(z.string()),
    flags_source: z.string(),
  }),
  /** What the int8 kernels did in the start-up probe: true = U8S8 pair sums saturate (no VNNI); null = probe failed. */
  kernels_saturate: z.boolean().nullable(),
  probe: z.union([z.object({ gemm: kernelProbeSchema, conv: kernelProbeSchema }), z.object({ error: z.string() })]),
  /** ORT_X64_QUANT_PRECISION. */
  mode: z.enum(["auto", "on", "off"]),
  /** Whether sessions of int8 models without a saturation guard get ONNX Runtime's session.x64quantprecision = "1" (exact U8U8 kernels); in mode "on", every session. */
  x64quantprecision: z.boolean(),
  reason: z.string(),
  /** The reported flags promise exact int8 (VNNI/AMX) but the kernels saturated: an emulated or masked CPU. */
  flags_disagree: z.boolean(),
  /** The quantizer's guard, which makes variants produced here exact on any x86 CPU without the option. */
  produced_variants: z.string(),
});
export type Int8Runtime = z.infer<typeof int8RuntimeSchema>;

export function int8RuntimeView(remedy: Int8Remedy): Int8Runtime {
  const probe = remedy.probe ?? { error: "not run" };
  return {
    cpu: { model: remedy.cpu.model, arch: remedy.cpu.arch, flags: remedy.cpu.flags, flags_source: remedy.cpu.source },
    kernels_saturate: "saturates" in probe ? probe.saturates : null,
    probe: "saturates" in probe ? { gemm: probe.gemm, conv: probe.conv } : probe,
    mode: remedy.mode,
    x64quantprecision: remedy.precisionOption,
    reason: remedy.reason,
    flags_disagree: remedy.flagsDisagree,
    produced_variants: PRODUCED_VARIANT_GUARD,
  };
}

export async function describeInt8Runtime(): Promise<Int8Runtime> {
  return int8RuntimeView(await getInt8Remedy());
}
