// Safety benchmark on the TEST split only: TPR/FPR, precision/recall, per category and language, NotInject
// hard negatives, per-check latency (medians) and leave-one-source-out figures (learned layer refitted
// without each source). --markdown prints the README table; --store saves an evaluation_reports row.
// Run: npx tsx --conditions=react-server scripts/bench-safety.ts --markdown [--store] [--skip-loso]
import { getDb } from "@/lib/db/client";
import { prepareRows } from "@/lib/safety/classifier/fit-injection-model";
import { loadInjectionClassifier } from "@/lib/safety/classifier/load-injection-classifier";
import { readInjectionData } from "@/lib/safety/dataset/read-injection-data";
import type { DetectionMetrics } from "@/lib/safety/benchmark/detection-metrics";
import { leaveOneSourceOut } from "@/lib/safety/benchmark/leave-one-source-out";
import { measureLatency } from "@/lib/safety/benchmark/measure-latency";
import { measureTestSplit } from "@/lib/safety/benchmark/measure-test-split";
import { safetyBenchmarkSummary, storeSafetyBenchmark } from "@/lib/safety/benchmark/safety-benchmark-report";
import { requireEvalDir } from "./require-eval-dir";

const args = new Set(process.argv.slice(2));
// Libraries that log to stdout (NSFWJS announces its model) must not end up in the printed tables.
const print = console.log.bind(console);
console.log = console.info = (...parts: unknown[]) => console.error(...parts);
const evalDir = requireEvalDir();
const startedAt = performance.now();
const data = readInjectionData(evalDir);
const test = data.rows.filter((r) => r.split === "test");
const classifier = await loadInjectionClassifier();
console.error(`test split: ${test.length} rows`);
const testSplit = await measureTestSplit(test, (n) => n % 256 === 0 && console.error(`scored ${n}/${test.length}`));
console.error("latency…");
const latency = await measureLatency(test.filter((_, i) => i % 8 === 0).map((r) => r.text));
let heldOut: ReturnType<typeof leaveOneSourceOut> = [];
if (!args.has("--skip-loso")) {
  const prepared = await prepareRows(data.rows, (n) => n % 512 === 0 && console.error(`prepared ${n}/${data.rows.length}`));
  heldOut = leaveOneSourceOut(prepared, (source) => console.error(`leave out ${source}…`));
}

const pct = (x?: number) => (x === undefined ? "–" : `${(100 * x).toFixed(1)}%`);
const summary = safetyBenchmarkSummary({ data, test, classifier, testSplit, heldOut, latency, startedAtMs: startedAt });

if (args.has("--markdown")) {
  // Precision means nothing on a benign-only slice (every flag is a false alarm): shown as "–" there.
  const row = (name: string, m: DetectionMetrics) => `| ${name} | ${m.rows} | ${pct(m.tpr)} | ${pct(m.fpr)} | ${pct(m.injections ? m.precision : undefined)} |`;
  const lines = [
    "| test split (833 rows) | rows | TPR (recall) | FPR | precision |",
    "|---|---|---|---|---|",
    row("**layered detector**", testSplit.overall),
    row("signatures only", testSplit.layers.signaturesOnly),
    row("learned classifier only", testSplit.layers.classifierOnly),
    row("NotInject hard negatives", testSplit.notInjectHardNegatives),
    ...testSplit.bySourceGroup.map((s) => row(`source: ${s.source}`, s)),
    "",
    "| held-out source (refitted without it) | rows | TPR | FPR | classifier alone TPR / FPR | target met |",
    "|---|---|---|---|---|---|",
    ...heldOut.map((h) => `| ${h.source} | ${h.rows} | ${pct(h.tpr)} | ${pct(h.fpr)} | ${pct(h.classifierOnly.tpr)} / ${pct(h.classifierOnly.fpr)} | ${h.meetsTarget ? "yes" : "no"} |`),
    "",
    "| category (test) | label | rows | flagged |",
    "|---|---|---|---|",
    ...testSplit.byCategory.map((c) => `| ${c.category} | ${c.label} | ${c.rows} | ${pct(c.label === "injection" ? c.tpr : c.fpr)} |`),
    "",
    "| language (test) | rows | TPR | FPR |",
    "|---|---|---|---|",
    ...testSplit.byLanguage.map((l) => `| ${l.lang} | ${l.rows} | ${pct(l.tpr)} | ${pct(l.fpr)} |`),
    "",
    "| check | median latency |",
    "|---|---|",
    ...Object.entries(latency.medianMs).map(([k, v]) => `| ${k} | ${v} ms |`),
  ];
  print(lines.join("\n"));
} else print(JSON.stringify(summary, null, 2));

if (args.has("--store")) {
  const report = await storeSafetyBenchmark({ db: await getDb(), summary });
  console.error(`stored evaluation report ${report.id}`);
}
process.exit(0);
