import { existsSync } from "node:fs";
import path from "node:path";
import { emulationUnavailableReason } from "@/lib/inference/testing/emulated-cpu";
import { getEnv } from "@/lib/env";

/**
 * When the tests that run int8 on an emulated AVX2 CPU without VNNI may skip. In CI (`CI=true`, or
 * REQUIRE_INT8_EMULATION=1 as .ci/run sets) they must run or fail: a missing qemu-user or missing
 * evaluation data is then the test's failure, with the reason. Elsewhere they skip, the reason in
 * their name.
 */

export function isInt8EmulationRequired(env: Record<string, string | undefined> = process.env): boolean {
  return env.CI === "true" || env.CI === "1" || env.REQUIRE_INT8_EMULATION === "1";
}

export const int8EmulationRequired = isInt8EmulationRequired();

/** Why the emulated run cannot happen here (no x86-64, no qemu-x86_64, no evaluation files), or undefined. */
export function int8EmulationMissing(evalFiles: string[] = []): string | undefined {
  const emulation = emulationUnavailableReason();
  if (emulation) return emulation;
  const evalDir = getEnv().evalDataDir;
  if (evalFiles.length > 0 && !evalDir) return "no evaluation data (EVAL_DATA_DIR, or ../shared/eval beside the project)";
  const missing = evalFiles.filter((f) => !existsSync(path.join(evalDir!, f)));
  return missing.length ? `evaluation files missing: ${missing.join(", ")}` : undefined;
}

/** Undefined when the test must run (and fail if `missing` is set); the skip reason otherwise. */
export function int8EmulationSkip(missing: string | undefined, required = int8EmulationRequired): string | undefined {
  return missing && !required ? missing : undefined;
}
