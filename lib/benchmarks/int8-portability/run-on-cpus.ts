import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMULATED_CPU, emulationUnavailableReason, findQemu } from "@/lib/inference/testing/emulated-cpu";
import type { CpuRunResult, PortabilityJob } from "./portability-job";

/**
 * Starts run-on-this-cpu.ts on this CPU or on the emulated AVX2 CPU without VNNI
 * (lib/inference/testing/emulated-cpu.ts), and reads what it wrote.
 */

export type CpuKind = "native" | "emulated-avx2";

const root = path.resolve(import.meta.dirname, "../../..");
const runner = "lib/benchmarks/int8-portability/run-on-this-cpu.ts";

export async function runOnCpu(options: {
  cpu: CpuKind;
  job: PortabilityJob;
  /** Where the run writes result.json and its outputs; the job file is written here too. */
  outDir: string;
  /** ORT_X64_QUANT_PRECISION for the run (default auto: the instance's own choice). */
  precisionMode?: "auto" | "off";
  timeoutMs: number;
}): Promise<CpuRunResult> {
  mkdirSync(options.outDir, { recursive: true });
  const jobFile = path.join(options.outDir, "job.json");
  writeFileSync(jobFile, JSON.stringify(options.job));
  const node = [process.execPath, "--conditions=react-server", "--import", "tsx", runner, jobFile, options.outDir];
  const qemu = findQemu();
  if (options.cpu === "emulated-avx2" && !qemu) throw new Error(emulationUnavailableReason());
  // Emulation is slow and the machine may be shared: the emulated run yields the CPU.
  const [command, ...args] = options.cpu === "native" ? node : ["nice", "-n", "10", qemu!, "-cpu", EMULATED_CPU, ...node];
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ORT_X64_QUANT_PRECISION: options.precisionMode ?? "auto" };
  // One intra-op thread on both CPUs, so the two runs use the same kernels' reduction order.
  env.ORT_INTRA_OP_THREADS = "1";
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"], timeout: options.timeoutMs, killSignal: "SIGKILL" });
    let text = "";
    child.stderr.on("data", (chunk: Buffer) => (text = (text + chunk.toString()).slice(-20_000)));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(text);
      const tail = text
        .split("\n")
        .filter((l) => !l.includes("TCG doesn't support"))
        .join("\n")
        .slice(-3000);
      reject(new Error(`the ${options.cpu} run ${signal ? `was stopped by ${signal} (timeout ${options.timeoutMs} ms?)` : `exited with ${code}`}:\n${tail}`));
    });
  });
  void stderr;
  return JSON.parse(readFileSync(path.join(options.outDir, "result.json"), "utf8")) as CpuRunResult;
}
