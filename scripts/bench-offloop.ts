/**
 * Chooses how the serving path's ONNX Runtime sessions are laid out on threads (lib/inference/off-loop):
 * on the event loop (INFERENCE_THREADS=0, the old path), one thread holding every session, two threads,
 * or one thread per session (Triton's instance groups), each with 1 or 2 intra-op threads per session
 * (ORT_INTRA_OP_THREADS). Each candidate runs in a process of its own (its threads, its RSS) and drives
 * the in-process pipelines as the routes call them: image-text with all tasks on a photo, and a document
 * page, at concurrency 1 (latency) and 8 (closed loop: each caller sends its next request when its
 * answer arrives). Per cell: req/s, p50/p95, the process's CPU time per request (every thread), and the
 * peak RSS of the process.
 *
 *   npx tsx --conditions=react-server scripts/bench-offloop.ts [--seconds 8] [--rounds 1] [--only 0x2,8x1,...]
 *     [--previous earlier-stderr.log] [--write-docs]
 *
 * Each candidate's result is printed to stderr as one JSON line; `--previous` adds the results such a log
 * holds (an earlier run on the same machine) to the table as run 1, so runs made apart are shown together.
 * `--write-docs` writes the table into docs/serving.md (`<!-- bench:offloop -->`). Run it alone on the
 * machine: the figures are wall-clock and CPU time.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeMachine } from "../lib/inference/measurement/describe-machine";
import { round } from "../lib/stats";
import { MISSING } from "../lib/format";
import { writeReadmeSection } from "./write-readme-section";

interface Candidate {
  name: string;
  inferenceThreads: number;
  intraOpThreads: number;
}

const CANDIDATES: Candidate[] = [
  { name: "event loop (old path)", inferenceThreads: 0, intraOpThreads: 2 },
  { name: "1 thread, every session", inferenceThreads: 1, intraOpThreads: 2 },
  { name: "2 threads", inferenceThreads: 2, intraOpThreads: 1 },
  { name: "thread per session", inferenceThreads: 8, intraOpThreads: 1 },
  { name: "thread per session", inferenceThreads: 8, intraOpThreads: 2 },
];

export interface CellResult {
  workload: "image-text-all" | "document";
  concurrency: number;
  requests: number;
  reqPerS: number;
  p50Ms: number;
  p95Ms: number;
  cpuMsPerRequest: number;
}

export interface CandidateResult extends Candidate {
  /** Which run (rounds of this invocation follow the runs of `--previous`). */
  run?: number;
  cells: CellResult[];
  peakRssMiB: number;
  /** Inference threads the candidate ended with (0 on the event loop). */
  threadsStarted: number;
}

const args = process.argv.slice(2);
const optionValue = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const seconds = Number(optionValue("seconds") ?? 8);
const rounds = Number(optionValue("rounds") ?? 1);
const only = optionValue("only")?.split(",");
const previousLog = optionValue("previous");

function previousResults(): CandidateResult[] {
  if (!previousLog) return [];
  return readFileSync(previousLog, "utf8")
    .split("\n")
    .filter((line) => line.startsWith('{"name"'))
    .map((line) => ({ ...(JSON.parse(line) as CandidateResult), run: 1 }));
}

function runCandidate(candidate: Candidate): CandidateResult {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-offloop-"));
  try {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join("scripts", "bench-offloop", "drive-candidate.ts")], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        LOG_LEVEL: "silent",
        INFERENCE_THREADS: String(candidate.inferenceThreads),
        ORT_INTRA_OP_THREADS: String(candidate.intraOpThreads),
        BENCH_OFFLOOP_SECONDS: String(seconds),
      },
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
      timeout: 30 * 60_000,
    });
    if (child.status !== 0) throw new Error(`candidate ${candidate.name} failed (${child.status}): ${child.stderr.slice(-2000)}`);
    const line = child.stdout.trim().split("\n").at(-1)!;
    return { ...candidate, ...(JSON.parse(line) as Omit<CandidateResult, keyof Candidate>) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(results: CandidateResult[]): string {
  const header = [
    "| run | layout | INFERENCE_THREADS | intra-op threads | image-text c=1 p50 | image-text c=8 req/s | image-text c=8 p95 | image-text CPU/req | document c=1 p50 | document c=8 req/s | document c=8 p95 | document CPU/req | peak RSS |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const cell = (r: CandidateResult, workload: CellResult["workload"], concurrency: number) =>
    r.cells.find((c) => c.workload === workload && c.concurrency === concurrency);
  const rows = results.map((r) => {
    const it1 = cell(r, "image-text-all", 1);
    const it8 = cell(r, "image-text-all", 8);
    const d1 = cell(r, "document", 1);
    const d8 = cell(r, "document", 8);
    const ms = (v: number | undefined) => (v === undefined ? MISSING : `${Math.round(v)} ms`);
    return `| ${r.run ?? 1} | ${r.name} | ${r.inferenceThreads} | ${r.intraOpThreads} | ${ms(it1?.p50Ms)} | ${it8?.reqPerS ?? MISSING} | ${ms(it8?.p95Ms)} | ${ms(it8?.cpuMsPerRequest)} | ${ms(d1?.p50Ms)} | ${d8?.reqPerS ?? MISSING} | ${ms(d8?.p95Ms)} | ${ms(d8?.cpuMsPerRequest)} | ${r.peakRssMiB} MiB |`;
  });
  return [...header, ...rows].join("\n");
}

async function main() {
  const machine = await describeMachine();
  const chosen = CANDIDATES.filter((c) => !only || only.some((o) => `${c.inferenceThreads}x${c.intraOpThreads}` === o));
  const results: CandidateResult[] = previousResults();
  const firstRun = results.length ? 2 : 1;
  for (let round_ = 0; round_ < rounds; round_++)
    for (const candidate of chosen) {
      process.stderr.write(
        `round ${round_ + 1}: ${candidate.name}, INFERENCE_THREADS=${candidate.inferenceThreads}, ORT_INTRA_OP_THREADS=${candidate.intraOpThreads}\n`,
      );
      const result = { ...runCandidate(candidate), run: firstRun + round_ };
      process.stderr.write(`${JSON.stringify(result)}\n`);
      results.push(result);
    }
  const load = (await import("node:os")).loadavg().map((v) => round(v, 1));
  const markdown = [
    `${new Date().toISOString().slice(0, 10)}, ${machine.cpuModel}, ${machine.cores} cores (${machine.cpuFlags.join(", ")}), Node ${machine.nodeVersion}, ONNX Runtime ${machine.onnxruntimeVersion}; ${previousLog ? "run 1 from an earlier invocation (all candidates), then " : ""}${rounds} round(s) of the candidates listed, in turn, each in a process of its own; ${seconds} s per concurrency-8 cell after warm-up; photo coral_pets.jpg with a caption (all tasks), page tesseract_phototest.tif (all tasks); load average at the end ${load.join(" / ")} (the machine was shared: wall-clock figures are contended).`,
    "",
    table(results),
  ].join("\n");
  if (args.includes("--write-docs")) writeReadmeSection("bench:offloop", markdown);
  process.stdout.write(`${markdown}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
