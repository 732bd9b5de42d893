/**
 * int8 answers on this CPU and on an emulated AVX2 CPU without VNNI (`qemu-x86_64 -cpu Haswell`),
 * for the served int8 model and the lab's static int8 variants, on every evaluation image; writes
 * the table into docs/int8-portability.md (between its generated-block markers) and the full
 * comparison into bench-results/int8-portability.json.
 *
 *   npm run bench:int8-portability [-- --no-control] [-- --no-write] [-- --only id,id] [-- --reuse <dir> ...]
 *
 * --no-control skips the negative control (MobileNetV2-int8 on the emulated CPU without the
 * runtime remedy). The emulated run takes tens of minutes on a busy 2-core machine (wrap it in
 * `nice -n 10` there). The work folder is kept when something fails; --reuse <dir> takes the job
 * and the runs already finished in such a folder (job.json and result.json, or a stopped run's
 * partial.json, in native/, emulated/, control/) instead of running them again, and may be given
 * more than once: each folder's runs are compared with each other and the rows put in one table.
 * --only runs and reports only those models (the doc then names the ones left out).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPortabilityJob, LAB_INT8_VARIANTS, portabilityEntry, SERVED_INT8_MODELS } from "@/lib/benchmarks/int8-portability/build-portability-job";
import { compareCpuRuns, type ModelComparison } from "@/lib/benchmarks/int8-portability/compare-cpu-runs";
import type { CpuRunResult, PortabilityJob } from "@/lib/benchmarks/int8-portability/portability-job";
import { formatDifferences, formatPortabilityTable } from "@/lib/benchmarks/int8-portability/format-portability-table";
import { readRun, runOnCpu } from "@/lib/benchmarks/int8-portability/run-on-cpus";
import { EMULATED_CPU, emulationUnavailableReason } from "@/lib/inference/testing/emulated-cpu";
import { onnxruntimeVersion } from "@/lib/inference/measurement/describe-machine";
import { readCpuFeatures } from "@/lib/inference/read-cpu-features";
import { requireEvalDir } from "./require-eval-dir";
import { writeReadmeSection } from "./write-readme-section";

const args = process.argv.slice(2);
const evalDir = requireEvalDir();
const unavailable = emulationUnavailableReason();
if (unavailable) {
  console.error(`Cannot emulate a CPU without VNNI here: ${unavailable}.`);
  process.exit(1);
}

const TIMEOUT_MS = 3 * 60 * 60 * 1000;
const log = (line: string) => console.log(line);
const allIds = [...SERVED_INT8_MODELS, ...LAB_INT8_VARIANTS];
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const ids = only ? allIds.filter((id) => only.includes(id)) : allIds;
if (ids.length === 0) throw new Error(`--only names none of ${allIds.join(", ")}`);
const reused = args.flatMap((a, i) => (a === "--reuse" ? [path.resolve(args[i + 1])] : []));

interface Row {
  label: string;
  origin: string;
  comparison: ModelComparison;
}

interface FolderOutcome {
  rows: Row[];
  remedies: { native: CpuRunResult["remedy"]; emulated: CpuRunResult["remedy"] };
  /** Models the emulated run did not finish (a reused, stopped run). */
  unfinished: string[];
  seconds?: { native: number; emulated: number };
}

/** The runs of one work folder (made now, or reused), compared. */
async function compareFolder(work: string, reuse: boolean): Promise<FolderOutcome> {
  // A reused folder keeps its own inputs: they are not built again (a control run still to do reads them).
  const { job, entries } = reuse
    ? await (async () => {
        const all = JSON.parse(readFileSync(path.join(work, "native", "job.json"), "utf8")) as PortabilityJob;
        const models = all.models.filter((m) => ids.includes(m.id));
        // The folder's own inputs, wherever it was moved or copied to.
        return {
          job: { inputDir: path.join(work, "inputs"), models },
          entries: new Map(await Promise.all(models.map(async (m) => [m.id, await portabilityEntry(m.id)] as const))),
        };
      })()
    : await buildPortabilityJob({ models: ids.map((id) => ({ id })), evalDir, inputDir: path.join(work, "inputs"), log });
  /** A run, or what the reused folder already holds of it (all of it, or the models a stopped run finished); with its wall time. */
  const timed = async (what: string, dir: string, run: () => Promise<CpuRunResult>) => {
    if (reuse && existsSync(path.join(work, dir))) return { value: readRun(path.join(work, dir), job), seconds: Number.NaN };
    const startedAt = performance.now();
    log(`${what}...`);
    const value = await run();
    const seconds = (performance.now() - startedAt) / 1000;
    log(`${what}: ${seconds.toFixed(0)} s`);
    return { value, seconds };
  };
  const native = await timed("native run", "native", () => runOnCpu({ cpu: "native", job, outDir: path.join(work, "native"), timeoutMs: TIMEOUT_MS }));
  const emulated = await timed("emulated run", "emulated", () =>
    runOnCpu({ cpu: "emulated-avx2", job, outDir: path.join(work, "emulated"), processes: 2, timeoutMs: TIMEOUT_MS }),
  );
  const unfinished = job.models.map((m) => m.id).filter((id) => !emulated.value.models.some((m) => m.id === id));
  const rows: Row[] = (
    await compareCpuRuns({
      job: { ...job, models: job.models.filter((m) => !unfinished.includes(m.id)) },
      entries,
      reference: { result: native.value, dir: path.join(work, "native") },
      other: { result: emulated.value, dir: path.join(work, "emulated") },
    })
  ).map((comparison) => ({
    label: comparison.id,
    origin: SERVED_INT8_MODELS.includes(comparison.id) ? "vendor (8-bit weights), served" : "model lab recipe (pair-guarded weights)",
    comparison,
  }));
  // Only beside an emulated run of the served model that finished (a reused folder may not hold one).
  const controlJob = { ...job, models: job.models.filter((m) => SERVED_INT8_MODELS.includes(m.id) && !unfinished.includes(m.id)) };
  if (!args.includes("--no-control") && controlJob.models.length > 0) {
    // The negative control: the same served model on the same CPU without the remedy must differ, or the emulation proves nothing.
    const control = await timed("emulated run without the remedy", "control", () =>
      runOnCpu({ cpu: "emulated-avx2", job: controlJob, outDir: path.join(work, "control"), precisionMode: "off", timeoutMs: TIMEOUT_MS }),
    );
    for (const comparison of await compareCpuRuns({
      job: controlJob,
      entries,
      reference: { result: native.value, dir: path.join(work, "native") },
      other: { result: control.value, dir: path.join(work, "control") },
    })) {
      rows.push({ label: `${comparison.id}, remedy off (control)`, origin: "vendor (8-bit weights), ORT_X64_QUANT_PRECISION=off", comparison });
    }
  }
  return {
    rows,
    remedies: { native: native.value.remedy, emulated: emulated.value.remedy },
    unfinished,
    ...(Number.isNaN(emulated.seconds) ? {} : { seconds: { native: native.seconds, emulated: emulated.seconds } }),
  };
}

const folders = reused.length ? reused : [mkdtempSync(path.join(os.tmpdir(), "ie-int8-portability-"))];
const outcomes: FolderOutcome[] = [];
for (const work of folders) {
  try {
    outcomes.push(await compareFolder(work, reused.length > 0));
  } catch (error) {
    console.error(`Failed; the runs finished so far are kept in ${work} (--reuse ${work}).`);
    throw error;
  }
}

const rows = outcomes.flatMap((o) => o.rows);
const reported = new Set(rows.map((r) => r.comparison.id));
const unfinished = [...new Set(outcomes.flatMap((o) => o.unfinished))].filter((id) => !reported.has(id));
const leftOut = allIds.filter((id) => !reported.has(id) && !unfinished.includes(id));
const saturates = (which: "native" | "emulated") => [...new Set(outcomes.map((o) => o.remedies[which].saturates))].join(" / ");
const cpu = readCpuFeatures();
const timings = outcomes.flatMap((o) => (o.seconds ? [`native ${o.seconds.native.toFixed(0)} s, emulated ${o.seconds.emulated.toFixed(0)} s`] : []));
const block = [
  `Reference: this CPU, natively (${cpu.model}, ${os.cpus().length} cores; int8-relevant flags: ${cpu.flags.join(", ") || "unknown"}; probe saturates: ${saturates("native")}).`,
  `Other: the emulated CPU \`qemu-x86_64 -cpu ${EMULATED_CPU}\` (AVX2, no AVX-512, no VNNI; probe saturates: ${saturates("emulated")}${saturates("emulated") === "true" ? ", as on a CPU without VNNI" : " — NOT what a CPU without VNNI does: the emulation proves nothing"}).`,
  `onnxruntime-node ${onnxruntimeVersion()}, 1 intra-op thread on both, ORT_X64_QUANT_PRECISION=auto unless said; the same input tensors (built once, natively) on both. Run ${new Date().toISOString().slice(0, 10)}${timings.length ? ` (wall, Node and tsx starting under qemu included, on a shared 2-core machine: ${timings.join("; ")})` : ""}.`,
  "",
  formatPortabilityTable(rows),
  "",
  ...(unfinished.length ? [`Not run to the end on the emulated CPU, so not in the table: ${unfinished.join(", ")}.`, ""] : []),
  ...(leftOut.length ? [`Not in this run (--only, or not in the reused folders): ${leftOut.join(", ")}.`, ""] : []),
  "Answers that differ (reference → other):",
  "",
  formatDifferences(rows),
].join("\n");
console.log(`\n${block}\n`);
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/int8-portability.json", JSON.stringify({ cpu, emulatedCpu: EMULATED_CPU, outcomes }, null, 2));
if (!args.includes("--no-write")) {
  writeReadmeSection("int8-portability", block);
  log("wrote the int8-portability block (docs/int8-portability.md)");
}
// A fresh work folder goes; reused ones are the caller's.
if (!reused.length) for (const work of folders) rmSync(work, { recursive: true, force: true });
