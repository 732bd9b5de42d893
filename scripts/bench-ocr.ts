/**
 * OCR accuracy and latency on the public evaluation pages, and key fields on the receipts.
 *
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts                 # plain text
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --markdown      # the docs tables
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --write         # ...written into docs/documents-and-ocr.md
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --runs 5        # timed runs per page (default 3)
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --int8          # pages also with the int8 det/rec variants
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --no-receipts   # pages only
 *
 * Pages: ../shared/eval/images/ocr with `ground_truth` in the images manifest (phototest, its 180 /
 * L / R rotated copies, eurotext, the skimage book page). CER = Levenshtein distance / reference
 * length after Unicode NFC and collapsing all whitespace (line breaks included) to single spaces;
 * case and punctuation are kept. Line accuracy = reference lines (non-empty) found exactly as an
 * output row. Receipts: merchant, date and total against `ground_truth_fields`. Latency: median of
 * the timed runs after one untimed warm-up, whole pipeline (detection, orientation, direction,
 * recognition; plus key fields for receipts) on this machine's CPU; CPU is the process's CPU time
 * per page (all threads), the figure to compare when other work loads the machine. The JS stages
 * (crop, tensor building, box finding, CTC decode) come from lib/inference/ocr/stage-clock.ts.
 * `--int8` runs the pages again with the int8 variants the model lab produced (when this instance has them).
 */
import os from "node:os";
import { evaluateReceipt, receipts, type ReceiptOutcome } from "../lib/analyze/document/evaluate-receipts";
import { evaluateOcrPage, ocrPages, readImagesManifest, type PageOutcome } from "../lib/inference/ocr/evaluate-ocr-pages";
import type { RecognizeTextOptions } from "../lib/inference/ocr/recognize-text";
import { readCpuFeatures } from "../lib/inference/read-cpu-features";
import { getDatabase } from "../lib/db/client";
import { registerVariantsAtStart } from "../lib/instance/model-lab";
import { getModelStore } from "../lib/models/get-model-store";
import { median } from "../lib/stats";
import { requireEvalDir } from "./require-eval-dir";
import { formatMs, formatPercent, MISSING } from "../lib/format";
import { writeReadmeSection } from "./write-readme-section";

const pct = (v: number) => formatPercent(v, 1);
const ms = (v: number) => formatMs(v);
const mark = (ok: boolean) => (ok ? "yes" : "no");

const INT8 = { detection: "ppocr-v4-det-int8-static", recognition: "ppocr-v4-rec-int8-static" };

interface ModelSet {
  label: string;
  models?: RecognizeTextOptions["models"];
}

async function main() {
  const evalDir = requireEvalDir();
  const runsFlag = process.argv.indexOf("--runs");
  const runs = runsFlag > 0 ? Math.max(1, Number(process.argv[runsFlag + 1]) || 3) : 3;
  const manifest = readImagesManifest(evalDir);
  const pages = ocrPages(manifest);
  const sets: ModelSet[] = [{ label: "fp32" }];
  if (process.argv.includes("--int8")) {
    // The lab's variants are known to the model store once registered from the database (as at start-up).
    const database = await getDatabase();
    await registerVariantsAtStart(database.db);
    await database.close();
    const store = getModelStore();
    const missing = Object.values(INT8).filter((id) => !store.get(id));
    if (missing.length) console.error(`--int8: ${missing.join(", ")} not produced on this instance (npm run bench:models -- --produce); fp32 only`);
    else sets.push({ label: "int8", models: INT8 });
  }
  // One untimed pass per model set loads the models and warms ONNX Runtime.
  for (const set of sets) await evaluateOcrPage(evalDir, pages[0], 1, set.models);

  const pageOutcomes: { set: string; outcome: PageOutcome }[] = [];
  for (const page of pages) for (const set of sets) pageOutcomes.push({ set: set.label, outcome: await evaluateOcrPage(evalDir, page, runs, set.models) });
  const receiptOutcomes: ReceiptOutcome[] = [];
  if (!process.argv.includes("--no-receipts")) for (const receipt of receipts(manifest)) receiptOutcomes.push(await evaluateReceipt(evalDir, receipt, runs));

  const cpu = readCpuFeatures();
  const machine = `${os.cpus().length} x ${cpu.model}, CPU flags ${cpu.flags.join(" ") || "unknown"}, Node ${process.version}, ${runs} timed run(s) per image, median`;
  if (process.argv.includes("--write")) {
    writeReadmeSection("bench:ocr-pages", renderPagesMarkdown(pageOutcomes, machine));
    if (receiptOutcomes.length) writeReadmeSection("bench:ocr-receipts", renderReceiptsMarkdown(receiptOutcomes, machine));
    console.error("docs/documents-and-ocr.md updated");
  }
  console.log(
    process.argv.includes("--markdown") || process.argv.includes("--write")
      ? [renderPagesMarkdown(pageOutcomes, machine), receiptOutcomes.length ? renderReceiptsMarkdown(receiptOutcomes, machine) : ""].join("\n\n")
      : renderText(pageOutcomes, receiptOutcomes, machine),
  );
}

function name(file: string) {
  return file.replace(/^(ocr|receipts)\//, "");
}

/** The JS stages that cost the most, "crop 12 ms, boxes 8 ms, ...". */
function stagesOf(p: PageOutcome): string {
  const s = p.stagesMsMedian;
  const parts: [string, number | undefined][] = [
    ["crop", s.crop],
    ["tensor", (s.tensor ?? 0) + (s.detect_tensor ?? 0)],
    ["boxes", s.find_boxes],
    ["decode", s.ctc_decode],
  ];
  return parts.map(([label, v]) => `${label} ${ms(v ?? 0)}`).join(", ");
}

function renderText(pages: { set: string; outcome: PageOutcome }[], receiptOutcomes: ReceiptOutcome[], machine: string): string {
  const lines = [`OCR pages (${machine})`];
  for (const { set, outcome: p } of pages) {
    lines.push(
      `  ${name(p.file).padEnd(38)} ${set.padEnd(5)} CER ${pct(p.cer).padStart(6)}  lines ${p.lineCorrect}/${p.lineTotal}  rotation ${String(p.pageRotationDegrees).padStart(3)}  ${ms(p.latencyMsMedian)}  CPU ${ms(p.cpuMsMedian)}  recognition ${ms(p.recognizeMsMedian)}  JS: ${stagesOf(p)}`,
    );
  }
  for (const set of new Set(pages.map((p) => p.set))) {
    const own = pages.filter((p) => p.set === set).map((p) => p.outcome);
    lines.push(`  ${set}: mean CER ${pct(own.reduce((s, p) => s + p.cer, 0) / own.length)}, median latency ${ms(median(own.map((p) => p.latencyMsMedian)))}`);
  }
  if (!receiptOutcomes.length) return lines.join("\n");
  lines.push("", "Receipts (merchant / date / total)");
  for (const r of receiptOutcomes) {
    lines.push(
      `  ${name(r.file).padEnd(42)} ${mark(r.correct.merchant)} (${r.found.merchant ?? MISSING})  ${mark(r.correct.date)} (${r.found.date ?? MISSING})  ${mark(r.correct.total)} (${r.found.total ?? MISSING})  ${ms(r.latencyMsMedian)}`,
    );
  }
  lines.push(`  ${summaryOf(receiptOutcomes)}, median latency ${ms(median(receiptOutcomes.map((r) => r.latencyMsMedian)))}`);
  return lines.join("\n");
}

function summaryOf(outcomes: ReceiptOutcome[]): string {
  const count = (key: keyof ReceiptOutcome["correct"]) => outcomes.filter((o) => o.correct[key]).length;
  return `merchant ${count("merchant")}/${outcomes.length}, date ${count("date")}/${outcomes.length}, total ${count("total")}/${outcomes.length}`;
}

function renderPagesMarkdown(pages: { set: string; outcome: PageOutcome }[], machine: string): string {
  const sets = [...new Set(pages.map((p) => p.set))];
  const meanCer = (set: string) => {
    const own = pages.filter((p) => p.set === set).map((p) => p.outcome);
    return `${set} ${pct(own.reduce((s, p) => s + p.cer, 0) / own.length)}`;
  };
  return [
    "| page | det/rec | CER | lines exactly right | page rotation found | latency (median) | CPU per page | recognition | JS stages (crop, tensors, boxes, CTC decode) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ...pages.map(
      ({ set, outcome: p }) =>
        `| ${name(p.file)} | ${set} | ${pct(p.cer)} | ${p.lineCorrect}/${p.lineTotal} | ${p.pageRotationDegrees}° | ${ms(p.latencyMsMedian)} | ${ms(p.cpuMsMedian)} | ${ms(p.recognizeMsMedian)} | ${stagesOf(p)} |`,
    ),
    "",
    `Mean CER: ${sets.map(meanCer).join(", ")}. Measured on ${machine}; load average ${os.loadavg()[0].toFixed(1)} when it finished (other work on the machine inflates latency more than CPU).`,
  ].join("\n");
}

function renderReceiptsMarkdown(receiptOutcomes: ReceiptOutcome[], machine: string): string {
  return [
    "| receipt | merchant | date | total (EUR) | latency (median) |",
    "|---|---|---|---:|---:|",
    ...receiptOutcomes.map(
      (r) =>
        `| ${name(r.file)} | ${r.correct.merchant ? "✓" : "✗"} ${r.found.merchant ?? MISSING} | ${r.correct.date ? "✓" : "✗"} ${r.found.date ?? MISSING} | ${r.correct.total ? "✓" : "✗"} ${r.found.total?.toFixed(2) ?? MISSING} | ${ms(r.latencyMsMedian)} |`,
    ),
    "",
    `Receipts: ${summaryOf(receiptOutcomes)}. Measured on ${machine}.`,
  ].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
