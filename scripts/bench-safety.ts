// Safety benchmark on the TEST rows of eval.jsonl and benign_everyday.jsonl: TPR/FPR with 95% Wilson
// intervals per source, attack family and everyday category, both modes (prompt and document/OCR text),
// balanced accuracy, CPU time per prompt, leave-one-source-out refits, and the image checks' latency.
// Prints the summary as JSON (--markdown: the README tables); --write-readme puts the tables into README.md, --store saves an evaluation_reports row.
// Run: npx tsx --conditions=react-server scripts/bench-safety.ts --write-readme --store [--skip-loso]   (about 15 min on 2 cores)
import { describeMachine } from "@/lib/inference/measurement/describe-machine";
import { getDb } from "@/lib/db/client";
import { leaveOneSourceOut } from "@/lib/safety/benchmark/leave-one-source-out";
import { measureImageCheckLatency } from "@/lib/safety/benchmark/measure-latency";
import { measureSafetyTestSplit } from "@/lib/safety/benchmark/measure-safety-test-split";
import { safetyBenchmarkSummary, storeSafetyBenchmark } from "@/lib/safety/benchmark/safety-benchmark-report";
import { safetyReportMarkdown } from "@/lib/safety/benchmark/safety-report-markdown";
import { prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { requireEvalDir } from "./require-eval-dir";
import { writeReadmeSection } from "./write-readme-section";

const args = new Set(process.argv.slice(2));
// Libraries that log to stdout (NSFWJS announces its model) must not end up in the printed tables.
const print = console.log.bind(console);
console.log = console.info = (...parts: unknown[]) => console.error(...parts);
const evalDir = requireEvalDir();
const startedAtMs = performance.now();
const measured = await measureSafetyTestSplit(evalDir, (done, total) => done % 500 === 0 && console.error(`scored ${done}/${total}`));
let heldOut: ReturnType<typeof leaveOneSourceOut> = [];
if (!args.has("--skip-loso")) {
  const prepared = prepareRows(measured.rows);
  heldOut = leaveOneSourceOut(
    prepared.filter((r) => r.row.split === "train"),
    prepared.filter((r) => r.row.split === "test"),
    undefined,
    (source) => console.error(`leave out ${source}…`),
  );
}
const imageLatency = args.has("--skip-images") ? undefined : await measureImageCheckLatency();
const summary = safetyBenchmarkSummary({ ...measured, heldOut, imageLatency, machine: await describeMachine(), startedAtMs });
const markdown = safetyReportMarkdown(summary);

print(args.has("--markdown") ? markdown : JSON.stringify(summary, null, 2));
if (args.has("--write-readme")) writeReadmeSection("bench:safety", markdown);
if (args.has("--store")) {
  const report = await storeSafetyBenchmark({ db: await getDb(), summary });
  console.error(`stored evaluation report ${report.id}`);
}
process.exit(0);
