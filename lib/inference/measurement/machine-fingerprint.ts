/**
 * One string per kind of machine a benchmark ran on: CPU model, core count, the int8-relevant flags
 * and what the int8 kernels did (exact or saturating, with or without ONNX Runtime's precision
 * option). Latency and even int8 answers depend on all of these, so the dashboard, the family
 * summaries and the README writer compare figures only within one fingerprint. Kept free of
 * server-only imports: the dashboard labels runs with it too.
 */

export interface FingerprintParts {
  cpuModel?: unknown;
  cores?: unknown;
  cpuFlags?: unknown;
  int8?: unknown;
}

export const UNKNOWN_FINGERPRINT = "unrecorded machine";

export function machineFingerprint(machine: FingerprintParts): string {
  if (typeof machine.cpuModel !== "string") return UNKNOWN_FINGERPRINT;
  const flags = Array.isArray(machine.cpuFlags) ? machine.cpuFlags.map(String) : [];
  const int8 = (machine.int8 ?? {}) as { saturates?: boolean | null; precisionOption?: boolean };
  const kernels =
    int8.saturates === undefined
      ? "int8 behaviour not recorded"
      : int8.saturates === null
        ? "int8 probe failed"
        : int8.saturates
          ? "saturating int8 kernels"
          : "exact int8 kernels";
  return [
    machine.cpuModel,
    `${typeof machine.cores === "number" ? machine.cores : "?"} cores`,
    flags.length ? flags.join(" ") : "no int8 flags",
    `${kernels}${int8.precisionOption ? " + x64quantprecision" : ""}`,
  ].join(" · ");
}

/** The fingerprint a stored run carries, or one computed from its machine (runs stored before fingerprints existed). */
export function runFingerprint(machine: Record<string, unknown>): string {
  return typeof machine.fingerprint === "string" ? machine.fingerprint : machineFingerprint(machine);
}
