import "server-only";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  /** Instruction-set extensions that decide int8 speed (VNNI runs int8 dot products natively). */
  cpuFlags: string[];
  memoryGiB: number;
  platform: string;
  nodeVersion: string;
  onnxruntimeVersion: string;
}

const interestingFlags = ["avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8", "neon", "asimddp"];

export function describeMachine(): MachineDescription {
  let flags: string[] = [];
  try {
    const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
    const line = cpuinfo.split("\n").find((l) => l.startsWith("flags") || l.startsWith("Features")) ?? "";
    const present = new Set(line.split(":")[1]?.trim().split(/\s+/) ?? []);
    flags = interestingFlags.filter((f) => present.has(f));
  } catch {
    // Not Linux: leave the flags unknown rather than guess.
  }
  let onnxruntimeVersion = "unknown";
  try {
    onnxruntimeVersion = (createRequire(import.meta.url)("onnxruntime-node/package.json") as { version: string }).version;
  } catch {
    // Bundlers may hide package.json; the version is informational.
  }
  return {
    cpuModel: os.cpus()[0]?.model?.trim() ?? "unknown",
    cores: os.cpus().length,
    cpuFlags: flags,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
    onnxruntimeVersion,
  };
}
