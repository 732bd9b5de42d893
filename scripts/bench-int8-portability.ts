/**
 * int8 answers on this CPU and on an emulated AVX2 CPU without VNNI (`qemu-x86_64 -cpu Haswell`),
 * for the served int8 model and the lab's static int8 variants, on every evaluation image; writes
 * the table into docs/int8-portability.md (between its generated-block markers) and the full
 * comparison into bench-results/int8-portability.json.
 *
 *   npm run bench:int8-portability [-- --no-control] [-- --no-write] [-- --reuse <dir>] [-- --only id,id]
 *
 * --no-control skips the negative control (MobileNetV2-int8 on the emulated CPU without the
 * runtime remedy). The emulated run is niced and takes tens of minutes on a busy 2-core machine.
 * The work folder is kept when something fails, and --reuse <dir> takes the job and the runs
 * already finished in such a folder (job.json and result.json in native/, emulated/, control/)
 * instead of running them again. --only runs and reports only those models (the doc then names the
 * ones left out).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPortabilityJob, LAB_INT8_VARIANTS, portabilityEntry, SERVED_INT8_MODELS } from "@/lib/benchmarks/int8-portability/build-portability-job";
import { compareCpuRuns } from "@/lib/benchmarks/int8-portability/compare-cpu-runs";
import type { CpuRunResult, PortabilityJob } from "@/lib/benchmarks/int8-portability/portability-job";
import { formatDifferences, formatPortabilityTable } from "@/lib/benchmarks/int8-portability/format-portability-table";
import { readRun, runOnCpu } from "@/lib/benchmarks/int8-portability/run-on-cpus";
import { EMULATED_CPU, emulationUnavailableReason } from "@/lib/inference/testing/emulated-cpu";
import { onnxruntimeVersion } from "@/lib/benchmarks/describe-machine";
import { readCpuFeatures } from "@/lib/inference/read-cpu-features";
import { requireEvalDir } from "./require-eval-dir";
import { replaceReadmeSection } from "./write-readme-section";

const args = process.argv.slice(2);
const evalDir = requireEvalDir();
const unavailable = emulationUnavailableReason();
if (unavailable) {
  console.error(`Cannot emulate a CPU without VNNI here: ${unavailable}.`);
  process.exit(1);
}

const DOC = "docs/int8-portability.md";
const reuse = args.includes("--reuse") ? path.resolve(args[args.indexOf("--reuse") + 1]) : undefined;
const work = reuse ?? mkdtempSync(path.join(os.tmpdir(), "ie-int8-portability-"));
const log = (line: string) => console.log(line);
const allIds = [...SERVED_INT8_MODELS, ...LAB_INT8_VARIANTS];
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const ids = only ? allIds.filter((id) => only.includes(id)) : allIds;
if (ids.length === 0) throw new Error(`--only names none of ${allIds.join(", ")}`);
// A reused folder keeps its own inputs: they are not built again (a control run still to do reads them).
const { job, entries } = reuse
  ? {
      job: onlyModels(JSON.parse(readFileSync(path.join(work, "native", "job.json"), "utf8")) as PortabilityJob, ids),
      entries: new Map(await Promise.all(ids.map(async (id) => [id, await portabilityEntry(id)] as const))),
    }
  : await buildPortabilityJob({ models: ids.map((id) => ({ id })), evalDir, inputDir: path.join(work, "inputs"), log });
function onlyModels(all: PortabilityJob, keep: string[]): PortabilityJob {
  return { ...all, models: all.models.filter((m) => keep.includes(m.id)) };
}
const timeoutMs = 3 * 60 * 60 * 1000;
/** A run, or what a reused folder already holds of it (all of it, or the models a stopped run finished); with its wall time. */
const timed = async (what: string, dir: string, run: () => Promise<CpuRunResult>) => {
  if (reuse && existsSync(path.join(work, dir))) return { value: readRun(path.join(work, dir), job), seconds: Number.NaN };
  const startedAt = performance.now();
  log(`${what}...`);
  const value = await run();
  const seconds = (performance.now() - startedAt) / 1000;
  log(`${what}: ${seconds.toFixed(0)} s`);
  return { value, seconds };
};
try {
  const native = await timed("native run", "native", () => runOnCpu({ cpu: "native", job, outDir: path.join(work, "native"), timeoutMs }));
  const emulated = await timed("emulated run", "emulated", () =>
    runOnCpu({ cpu: "emulated-avx2", job, outDir: path.join(work, "emulated"), processes: 2, timeoutMs }),
  );
  // A reused, stopped run may lack models: they are named below the table, not compared.
  const unfinished = job.models.map((m) => m.id).filter((id) => !emulated.value.models.some((m) => m.id === id));
  const rows = (
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

  if (!args.includes("--no-control")) {
    // The negative control: the same served model on the same CPU without the remedy must differ, or the emulation proves nothing.
    const controlJob = { ...job, models: job.models.filter((m) => SERVED_INT8_MODELS.includes(m.id)) };
    const control = await timed("emulated run without the remedy", "control", () =>
      runOnCpu({ cpu: "emulated-avx2", job: controlJob, outDir: path.join(work, "control"), precisionMode: "off", timeoutMs }),
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

  const cpu = readCpuFeatures();
  const table = formatPortabilityTable(rows);
  const block = [
    `Reference: this CPU, natively (${cpu.model}, ${os.cpus().length} cores; int8-relevant flags: ${cpu.flags.join(", ") || "unknown"}; its probe saw ${native.value.remedy.saturates ? "saturation" : "exact int8"}).`,
    `Other: the emulated CPU \`qemu-x86_64 -cpu ${EMULATED_CPU}\` (AVX2, no AVX-512, no VNNI; its probe saw ${emulated.value.remedy.saturates ? "saturation, as a CPU without VNNI does" : "NO saturation — the emulation did not reproduce a CPU without VNNI"}).`,
    `onnxruntime-node ${onnxruntimeVersion()}, 1 intra-op thread on both, ORT_X64_QUANT_PRECISION=auto unless said; the same input tensors (built once, natively) on both. Run ${new Date().toISOString().slice(0, 10)}${Number.isNaN(emulated.seconds) ? "" : `: native ${native.seconds.toFixed(0)} s, emulated ${emulated.seconds.toFixed(0)} s (wall, Node and tsx starting under qemu included, on a shared 2-core machine)`}.`,
    "",
    table,
    "",
    ...(unfinished.length ? [`Not run to the end on the emulated CPU in this run, so not in the table: ${unfinished.join(", ")}.`, ""] : []),
    ...(ids.length < allIds.length ? [`Left out of this run (--only): ${allIds.filter((id) => !ids.includes(id)).join(", ")}.`, ""] : []),
    "Answers that differ (reference → other):",
    "",
    formatDifferences(rows),
  ].join("\n");
  console.log(`\n${block}\n`);
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(
    "bench-results/int8-portability.json",
    JSON.stringify({ cpu, emulatedCpu: EMULATED_CPU, native: native.value.remedy, emulated: emulated.value.remedy, rows }, null, 2),
  );
  if (!args.includes("--no-write")) {
    writeFileSync(DOC, replaceReadmeSection(readFileSync(DOC, "utf8"), "int8-portability", block));
    log(`wrote ${DOC}`);
  }
  rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(`Failed; the runs finished so far are kept in ${work} (--reuse ${work}).`);
  throw error;
}
