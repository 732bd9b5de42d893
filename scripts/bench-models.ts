/**
 * The model benchmark from the command line (`npm run bench:models`): registers the optimised variants
 * recorded in the database (producing missing ones from models/recipes with --produce), runs the full
 * benchmark of every variant, stores it like any run, and prints the README table from that run's
 * results. --write-readme replaces the table between the bench:models markers in README.md.
 *
 * It opens the database of DATA_DIR / DATABASE_URL: with the embedded PGlite, stop the app first
 * (one process owns a PGlite folder), or point both at PostgreSQL.
 *
 *   npm run bench:models -- [--preset quick|full] [--produce] [--only id,id] [--write-readme]
 */
import { getBenchmarks } from "../lib/benchmarks/get-benchmarks";
import { runBenchmark, type BenchmarkPreset } from "../lib/benchmarks/run-benchmark";
import { familiesToMarkdown, summarizeFamilies } from "../lib/benchmarks/summarize-families";
import { getDatabase } from "../lib/db/client";
import { produceMissingVariantsNow, registerVariantsAtStart } from "../lib/instance/model-lab";
import { writeReadmeSection } from "./write-readme-section";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const preset = (option("--preset") ?? "full") as BenchmarkPreset;
const only = option("--only")?.split(",");

const database = await getDatabase();
const { db } = database;
if (args.includes("--produce")) {
  const lab = await produceMissingVariantsNow(db);
  console.error(`variants produced: ${lab.produced.join(", ") || "none"}${lab.problems.length ? `; problems: ${JSON.stringify(lab.problems)}` : ""}`);
} else {
  await registerVariantsAtStart(db);
}

const startedAt = Date.now();
const outcome = await runBenchmark({ db, trigger: "cli", preset, modelIds: only });
console.error(`run ${outcome.runId}: measured ${outcome.measured.length} variants in ${Math.round((Date.now() - startedAt) / 1000)} s`);
for (const failure of outcome.failed) console.error(`  failed ${failure.id}: ${failure.reason}`);

const { runs } = await getBenchmarks({ db, runCount: 1 });
const run = runs.find((r) => r.id === outcome.runId);
if (!run) throw new Error(`run ${outcome.runId} is not in the database`);
// The machine the run recorded (not this process's): one run, one machine, so nothing is mixed.
const machine = run.machine as { nodeVersion?: string; onnxruntimeVersion?: string };
const table = [
  `Run ${run.id} (${preset} preset: ${JSON.stringify(run.config.runs)} timed runs after ${JSON.stringify(run.config.warmUp)} warm-up, medians of \`session.run\` on a real eval input),`,
  `${run.startedAt.slice(0, 10)}, on ${run.fingerprint}, Node ${machine.nodeVersion ?? "?"}, ONNX Runtime ${machine.onnxruntimeVersion ?? "?"}.`,
  "",
  familiesToMarkdown(summarizeFamilies(run.results)),
].join("\n");
console.log(table);

if (args.includes("--write-readme")) {
  writeReadmeSection("bench:models", table);
  console.error("README.md updated");
}
await database.close();
