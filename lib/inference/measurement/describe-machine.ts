import "server-only";
import os from "node:os";
import { createRequire } from "node:module";
import { getInt8Remedy, type Int8Remedy } from "../choose-int8-remedy";
import { readCpuFeatures } from "../read-cpu-features";
import { machineFingerprint } from "./machine-fingerprint";

/**
 * The machine a benchmark run measured on, stored with the run: CPU, the int8-relevant flags, what
 * the int8 kernels did in the saturation probe and the remedy chosen, and a fingerprint of all
 * that, so figures from different CPUs or int8 settings are never mixed without saying so.
 */

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  /** Instruction-set extensions that decide int8 speed and exactness, as /proc/cpuinfo reports them. */
  cpuFlags: string[];
  /** What the int8 kernels did (probe) and what was chosen. */
  int8: { saturates: boolean | null; precisionOption: boolean; mode: Int8Remedy["mode"]; flagsDisagree: boolean };
  /** CPU model, cores, flags and int8 behaviour in one string: runs with different fingerprints are not compared. */
  fingerprint: string;
  memoryGiB: number;
  platform: string;
  nodeVersion: string;
  onnxruntimeVersion: string;
}

export function onnxruntimeVersion(): string {
  try {
    return (createRequire(import.meta.url)("onnxruntime-node/package.json") as { version: string }).version;
  } catch {
    // Bundlers may hide package.json; the version is informational.
    return "unknown";
  }
}

export async function describeMachine(): Promise<MachineDescription> {
  const cpu = readCpuFeatures();
  const remedy = await getInt8Remedy();
  const int8 = {
    saturates: remedy.probe && "saturates" in remedy.probe ? remedy.probe.saturates : null,
    precisionOption: remedy.precisionOption,
    mode: remedy.mode,
    flagsDisagree: remedy.flagsDisagree,
  };
  const cores = os.cpus().length;
  return {
    cpuModel: cpu.model,
    cores,
    cpuFlags: cpu.flags,
    int8,
    fingerprint: machineFingerprint({ cpuModel: cpu.model, cores, cpuFlags: cpu.flags, int8 }),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
    onnxruntimeVersion: onnxruntimeVersion(),
  };
}
