import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * The instruction-set extensions that decide how int8 runs here, as the operating system reports
 * them (/proc/cpuinfo). They describe the host CPU: under an emulator (qemu-user) or a hypervisor
 * that masks features, what the kernels actually do can differ, which is why the int8 remedy is
 * chosen by a behaviour probe (probe-int8-saturation.ts), not by these flags.
 */

/** VNNI, AVX-VNNI and AMX accumulate int8 products in int32; AVX2 / AVX-512 without them go through saturating int16 pair sums. */
export const INT8_RELEVANT_FLAGS = [
  "avx2",
  "avx512f",
  "avx512bw",
  "avx512_vnni",
  "avx_vnni",
  "avx_vnni_int8",
  "amx_tile",
  "amx_int8",
  "neon",
  "asimddp",
  "i8mm",
] as const;

export interface CpuFeatures {
  model: string;
  arch: string;
  /** The int8-relevant flags present, in INT8_RELEVANT_FLAGS order; empty when unknown. */
  flags: string[];
  /** Where the flags came from ("unavailable" off Linux). */
  source: "/proc/cpuinfo" | "unavailable";
}

export function parseCpuFlags(cpuinfo: string): string[] {
  const line = cpuinfo.split("\n").find((l) => /^(flags|Features)\s*:/.test(l)) ?? "";
  const present = new Set(line.split(":")[1]?.trim().split(/\s+/) ?? []);
  return INT8_RELEVANT_FLAGS.filter((f) => present.has(f));
}

export function readCpuFeatures(): CpuFeatures {
  let flags: string[] = [];
  let source: CpuFeatures["source"] = "unavailable";
  try {
    flags = parseCpuFlags(readFileSync("/proc/cpuinfo", "utf8"));
    source = "/proc/cpuinfo";
  } catch {
    // Not Linux: leave the flags unknown rather than guess.
  }
  return { model: os.cpus()[0]?.model?.trim() ?? "unknown", arch: os.arch(), flags, source };
}
