/**
 * Chooses the language-ID reliability cut-offs (lib/language/assess-reliability.ts) on a validation
 * set that is never reported: the train rows of the multilingual everyday sentences in
 * prompt_injection/benign_everyday.jsonl (UD sentences in 28 languages), each whole and as its first
 * three words. The choice: the widest coverage (share of answers marked reliable) whose reliable
 * answers are at least 98% right. Only `confidence` is chosen here: `relatedConfidence` (0.8, for a
 * race between closely related languages) guards texts that are word for word valid in two
 * languages ("Saya tidak tahu" is Indonesian and Malay), which this data set hardly has — fitted
 * on it, the guard would vanish (the grid over both chose 0.55 / 0.55). Prints the choice and the
 * cut-offs in the code now.
 *
 *   npx tsx --conditions=react-server scripts/choose-langid-cutoffs.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { RELIABILITY_CUTOFFS, type ReliabilityCutoffs } from "../lib/language/assess-reliability";
import { firstThreeWords } from "../lib/language/evaluate-langid";
import { identifyWithModels } from "../lib/language/identify-language";
import { loadLanguageModels } from "../lib/language/load-language-models";
import { requireEvalDir } from "./require-eval-dir";
import { formatPercent } from "../lib/format";

const TARGET_PRECISION = 0.98;
// Norwegian Bokmål is "nb" in the data and "no" in both models' vocabularies.
const same = (predicted: string, expected: string) => predicted === expected || (expected === "nb" && predicted === "no");

const rows = readFileSync(path.join(requireEvalDir(), "prompt_injection", "benign_everyday.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { text: string; language: string; category: string; split: string })
  .filter((row) => row.category === "multilingual_everyday" && row.split === "train");
const texts = rows.flatMap((row) => [
  { text: row.text, language: row.language, variant: "sentence" },
  { text: firstThreeWords(row.text, row.language), language: row.language, variant: "threeWords" },
]);
const models = await loadLanguageModels();

function measure(cutoffs: ReliabilityCutoffs) {
  let reliable = 0;
  let reliableRight = 0;
  let right = 0;
  for (const item of texts) {
    const answer = identifyWithModels(models, item.text, { reliability: cutoffs });
    const ok = same(answer.language, item.language);
    if (ok) right++;
    if (answer.reliable) {
      reliable++;
      if (ok) reliableRight++;
    }
  }
  return { coverage: reliable / texts.length, precision: reliable ? reliableRight / reliable : 1, accuracy: right / texts.length };
}

const RELATED_CONFIDENCE = 0.8;
const grid: { cutoffs: ReliabilityCutoffs; result: ReturnType<typeof measure> }[] = [];
for (let c = 0.3; c <= 0.951; c += 0.05) {
  const cutoffs = { confidence: Math.round(c * 100) / 100, relatedConfidence: Math.max(RELATED_CONFIDENCE, Math.round(c * 100) / 100) };
  grid.push({ cutoffs, result: measure(cutoffs) });
}
const meeting = grid.filter((g) => g.result.precision >= TARGET_PRECISION).sort((a, b) => b.result.coverage - a.result.coverage);
const best = meeting[0] ?? [...grid].sort((a, b) => b.result.precision - a.result.precision)[0];
const pct = (v: number) => formatPercent(v, 1);
const line = (label: string, cutoffs: ReliabilityCutoffs, r: ReturnType<typeof measure>) =>
  `| ${label} | ${cutoffs.confidence} / ${cutoffs.relatedConfidence} | ${pct(r.coverage)} | ${pct(r.precision)} |`;
console.log(
  `Validation: ${rows.length} sentences x 2 (whole, first three words) = ${texts.length} texts in ${new Set(rows.map((r) => r.language)).size} languages; ensemble accuracy ${pct(best.result.accuracy)}.`,
);
console.log(
  [
    "| cut-offs | confidence / related | marked reliable | reliable answers right |",
    "|---|---|---:|---:|",
    line(`chosen (widest coverage at >= ${pct(TARGET_PRECISION)} right, of ${grid.length})`, best.cutoffs, best.result),
    line("in the code now", RELIABILITY_CUTOFFS, measure(RELIABILITY_CUTOFFS)),
  ].join("\n"),
);
