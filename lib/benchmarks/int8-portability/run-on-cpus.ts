import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

export interface RunOnCpuOptions {
  cpu: CpuKind;
  job: PortabilityJob;
  /** Where the run writes result.json and its outputs; the job file is written here too. */
  outDir: string;
  /** ORT_X64_QUANT_PRECISION for the run (default auto: the instance's own choice). */
  precisionMode?: "auto" | "off";
  /**
   * Processes to share the models among (default 1). Emulation runs one core's worth of work at a
   * time, so two processes on two cores finish in about half the time; each model still runs
   * whole in one process, on one intra-op thread.
   */
  processes?: number;
  timeoutMs: number;
}

export async function runOnCpu(options: RunOnCpuOptions): Promise<CpuRunResult> {
  const processes = Math.max(1, Math.min(options.processes ?? 1, options.job.models.length));
  if (processes === 1) return runProcess(options);
  // Models dealt out in turn (the job lists them roughly by family, so each process gets a mix).
  const groups = Array.from({ length: processes }, (_, g) => ({ ...options.job, models: options.job.models.filter((_, i) => i % processes === g) }));
  const results = await Promise.all(groups.map((job, g) => runProcess({ ...options, job, outDir: path.join(options.outDir, `part${g}`) })));
  const merged = mergeParts(options.job, results);
  writeFileSync(path.join(options.outDir, "result.json"), JSON.stringify(merged));
  return merged;
}

/** One result from the parts' (outputs named relative to the whole run's folder), in the job's model order. */
function mergeParts(job: PortabilityJob, parts: (CpuRunResult | undefined)[]): CpuRunResult {
  const done = parts.filter((r): r is CpuRunResult => r !== undefined);
  if (done.length === 0) throw new Error("no part of the run finished a model");
  if (new Set(done.map((r) => r.remedy.saturates)).size > 1) throw new Error("the run's processes disagree on whether int8 saturates");
  const models = parts.flatMap((r, g) =>
    (r?.models ?? []).map((m) => ({ ...m, outputs: m.outputs.map((o) => ({ ...o, file: path.join(`part${g}`, o.file) })) })),
  );
  return { remedy: done[0].remedy, models: job.models.flatMap((m) => models.filter((r) => r.id === m.id)) };
}

/**
 * What a run folder holds: its result, or, for a run that was stopped, the models its processes
 * had finished (their partial.json), so a long emulated run is never all lost.
 */
export function readRun(outDir: string, job: PortabilityJob): CpuRunResult {
  const read = (file: string) => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CpuRunResult) : undefined);
  const whole = read(path.join(outDir, "result.json")) ?? read(path.join(outDir, "partial.json"));
  if (whole) return whole;
  const parts = readdirSync(outDir)
    .filter((d) => /^part\d+$/.test(d))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .map((d) => read(path.join(outDir, d, "result.json")) ?? read(path.join(outDir, d, "partial.json")));
  return mergeParts(job, parts);
}

async function runProcess(options: RunOnCpuOptions): Promise<CpuRunResult> {
  mkdirSync(options.outDir, { recursive: true });
  const jobFile = path.join(options.outDir, "job.json");
  writeFileSync(jobFile, JSON.stringify(options.job));
  const node = [process.execPath, "--conditions=react-server", "--import", "tsx", runner, jobFile, options.outDir];
  const qemu = findQemu();
  if (options.cpu === "emulated-avx2" && !qemu) throw new Error(emulationUnavailableReason());
  // Children inherit this process's niceness (wrap the caller in `nice -n 10` on a shared machine).
  const [command, ...args] = options.cpu === "native" ? node : [qemu!, "-cpu", EMULATED_CPU, ...node];
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ORT_X64_QUANT_PRECISION: options.precisionMode ?? "auto" };
  // One intra-op thread on both CPUs, so the two runs use the same kernels' reduction order.
  env.ORT_INTRA_OP_THREADS = "1";
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"], timeout: options.timeoutMs, killSignal: "SIGKILL" });
    let text = "";
    child.stderr.on("data", (chunk: Buffer) => (text = (text + chunk.toString()).slice(-20_000)));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const tail = text
        .split("\n")
        .filter((l) => !l.includes("TCG doesn't support"))
        .join("\n")
        .slice(-3000);
      reject(new Error(`the ${options.cpu} run ${signal ? `was stopped by ${signal} (timeout ${options.timeoutMs} ms?)` : `exited with ${code}`}:\n${tail}`));
    });
  });
  return JSON.parse(readFileSync(path.join(options.outDir, "result.json"), "utf8")) as CpuRunResult;
}
