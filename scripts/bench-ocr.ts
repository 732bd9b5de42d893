/**
 * OCR accuracy and latency on the public evaluation pages, and key fields on the receipts.
 *
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts              # plain text
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --markdown   # the README table
 *   npx tsx --conditions=react-server scripts/bench-ocr.ts --runs 5     # timed runs per page (default 3)
 *
 * Pages: ../shared/eval/images/ocr with `ground_truth` in the images manifest (phototest, its 180 /
 * L / R rotated copies, eurotext, the skimage book page). CER = Levenshtein distance / reference
 * length after Unicode NFC and collapsing all whitespace (line breaks included) to single spaces;
 * case and punctuation are kept. Line accuracy = reference lines (non-empty) found exactly as an
 * output row. Receipts: merchant, date and total against `ground_truth_fields`. Latency: median of
 * the timed runs after one untimed warm-up, whole pipeline (detection, orientation, direction,
 * recognition; plus key fields for receipts) on this machine's CPU.
 */
import os from "node:os";
import { evaluateReceipt, receipts, type ReceiptOutcome } from "../lib/analyze/document/evaluate-receipts";
import { evaluateOcrPage, ocrPages, readImagesManifest, type PageOutcome } from "../lib/inference/ocr/evaluate-ocr-pages";
import { median } from "../lib/stats";
import { requireEvalDir } from "./require-eval-dir";
import { formatMs, formatPercent, MISSING } from "../lib/format";

const pct = (v: number) => formatPercent(v, 1);
const ms = (v: number) => formatMs(v);
const mark = (ok: boolean) => (ok ? "yes" : "no");

async function main() {
  const evalDir = requireEvalDir();
  const runsFlag = process.argv.indexOf("--runs");
  const runs = runsFlag > 0 ? Math.max(1, Number(process.argv[runsFlag + 1]) || 3) : 3;
  const manifest = readImagesManifest(evalDir);
  const pages = ocrPages(manifest);
  const receiptEntries = receipts(manifest);
  // One untimed pass loads the three models and warms ONNX Runtime.
  await evaluateOcrPage(evalDir, pages[0], 1);

  const pageOutcomes: PageOutcome[] = [];
  for (const page of pages) pageOutcomes.push(await evaluateOcrPage(evalDir, page, runs));
  const receiptOutcomes: ReceiptOutcome[] = [];
  for (const receipt of receiptEntries) receiptOutcomes.push(await evaluateReceipt(evalDir, receipt, runs));

  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${runs} timed run(s) per image, median`;
  console.log(
    process.argv.includes("--markdown") ? renderMarkdown(pageOutcomes, receiptOutcomes, machine) : renderText(pageOutcomes, receiptOutcomes, machine),
  );
}

function name(file: string) {
  return file.replace(/^(ocr|receipts)\//, "");
}

function renderText(pages: PageOutcome[], receiptOutcomes: ReceiptOutcome[], machine: string): string {
  const lines = [`OCR pages (${machine})`];
  for (const p of pages) {
    lines.push(
      `  ${name(p.file).padEnd(38)} CER ${pct(p.cer).padStart(6)}  lines ${p.lineCorrect}/${p.lineTotal}  rotation ${String(p.pageRotationDegrees).padStart(3)}  ${ms(p.latencyMsMedian)}`,
    );
  }
  const meanCer = pages.reduce((s, p) => s + p.cer, 0) / pages.length;
  lines.push(`  mean CER ${pct(meanCer)}, median latency ${ms(median(pages.map((p) => p.latencyMsMedian)))}`, "", "Receipts (merchant / date / total)");
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

function renderMarkdown(pages: PageOutcome[], receiptOutcomes: ReceiptOutcome[], machine: string): string {
  const out = [
    "| page | CER | lines exactly right | page rotation found | latency (median) |",
    "|---|---:|---:|---:|---:|",
    ...pages.map((p) => `| ${name(p.file)} | ${pct(p.cer)} | ${p.lineCorrect}/${p.lineTotal} | ${p.pageRotationDegrees}° | ${ms(p.latencyMsMedian)} |`),
    "",
    "| receipt | merchant | date | total (EUR) | latency (median) |",
    "|---|---|---|---:|---:|",
    ...receiptOutcomes.map(
      (r) =>
        `| ${name(r.file)} | ${r.correct.merchant ? "✓" : "✗"} ${r.found.merchant ?? MISSING} | ${r.correct.date ? "✓" : "✗"} ${r.found.date ?? MISSING} | ${r.correct.total ? "✓" : "✗"} ${r.found.total?.toFixed(2) ?? MISSING} | ${ms(r.latencyMsMedian)} |`,
    ),
    "",
    `Receipts: ${summaryOf(receiptOutcomes)}. Measured on ${machine}.`,
  ];
  return out.join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
