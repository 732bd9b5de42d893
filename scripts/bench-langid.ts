/**
 * Language identification accuracy on ../shared/eval/langid/sentences.jsonl (25 languages x 20
 * sentences), per language, on whole sentences and on their first three words, for CLD3 alone,
 * fastText alone and the ensemble (plus the ensemble without script priors, to show what they add).
 *
 *   npx tsx --conditions=react-server scripts/bench-langid.ts            # plain text
 *   npx tsx --conditions=react-server scripts/bench-langid.ts --markdown # the README table
 *   npx tsx --conditions=react-server scripts/bench-langid.ts --json     # everything, machine-readable
 *
 * "First three words": the first three whitespace-separated tokens; for zh, ja and th (written without
 * spaces) the first three words of Intl.Segmenter's (ICU dictionary) word segmentation.
 */
import { evaluateLangid, readLangidSentences, summarize, targets, type AccuracySummary, type Method, type Variant } from "../lib/language/evaluate-langid";
import { loadLanguageModels } from "../lib/language/load-language-models";
import { requireEvalDir } from "./require-eval-dir";
import { formatPercent } from "../lib/format";

const labels: Record<Method, string> = {
  cld3: "CLD3",
  fasttext: "fastText",
  ensemble: "ensemble",
  ensembleNoScriptPriors: "ensemble w/o script priors",
};
const shown: Method[] = ["cld3", "fasttext", "ensemble"];
const pct = (value: number | undefined) => formatPercent(value);
const pct1 = (value: number | undefined) => formatPercent(value, 1);

async function main() {
  const evalDir = requireEvalDir();
  const models = await loadLanguageModels();
  for (const status of models.status) if (!status.available) console.error(`warning: ${status.id} unavailable: ${status.reason}`);
  const rows = readLangidSentences(evalDir);
  // One untimed pass warms the WebAssembly code paths and the Han character sets.
  evaluateLangid(models, rows.slice(0, 25));
  const summary = summarize(evaluateLangid(models, rows));
  const languages = Object.keys(summary.perLanguage);

  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ rows: rows.length, languages: languages.length, models: models.status, summary }, null, 2));
    return;
  }
  const markdown = process.argv.includes("--markdown");
  console.log(markdown ? renderMarkdown(summary, languages, rows.length) : renderText(summary, languages, rows.length));
}

function accuracyRows(summary: AccuracySummary, languages: string[], miss: (v: number | undefined, variant: Variant) => string) {
  return languages.map((language) => {
    const cells = (["sentence", "threeWords"] as Variant[]).flatMap((variant) =>
      shown.map((method) => miss(summary.perLanguage[language][variant][method], variant)),
    );
    return [language, ...cells];
  });
}

function footerRows(summary: AccuracySummary, languages: string[]) {
  const over = (["sentence", "threeWords"] as Variant[]).flatMap((v) => shown.map((m) => pct1(summary.overall[v][m])));
  const at = (["sentence", "threeWords"] as Variant[]).flatMap((v) => shown.map((m) => `${summary.languagesAtTarget[v][m]}/${languages.length}`));
  const latency = (["sentence", "threeWords"] as Variant[]).flatMap((v) => shown.map((m) => `${summary.medianLatencyMs[v][m]?.toFixed(3)} ms`));
  return [
    ["overall", ...over],
    ["languages at target", ...at],
    ["median latency / text", ...latency],
  ];
}

function renderMarkdown(summary: AccuracySummary, languages: string[], rowCount: number): string {
  const marked = (value: number | undefined, variant: Variant) => (value !== undefined && value < targets[variant] ? `**${pct(value)}**` : pct(value));
  const header = ["language", ...shown.map((m) => `sentence: ${labels[m]}`), ...shown.map((m) => `3 words: ${labels[m]}`)];
  const lines = [header, header.map(() => "---"), ...accuracyRows(summary, languages, marked), ...footerRows(summary, languages)];
  const table = lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
  const s = summary;
  return [
    table,
    "",
    `${rowCount} sentences, ${languages.length} languages. Bold: below target (sentences ${targets.sentence * 100}%, three words ${targets.threeWords * 100}%).`,
    `Ensemble without script priors: ${pct1(s.overall.sentence.ensembleNoScriptPriors)} on sentences, ${pct1(s.overall.threeWords.ensembleNoScriptPriors)} on three words.`,
    `Answers the ensemble marks reliable: ${pct1(s.reliable.sentence.coverage)} of sentences (${pct1(s.reliable.sentence.accuracy)} correct), ` +
      `${pct1(s.reliable.threeWords.coverage)} of three-word snippets (${pct1(s.reliable.threeWords.accuracy)} correct; the unreliable ones ${pct1(s.reliable.threeWords.unreliableAccuracy)}).`,
    `Calibration (ensemble confidence bin: accuracy, n): ${s.calibration.map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}: ${pct(b.accuracy)} (${b.count})`).join("; ")}; expected calibration error ${s.expectedCalibrationError.toFixed(3)}.`,
  ].join("\n");
}

function renderText(summary: AccuracySummary, languages: string[], rowCount: number): string {
  const header = ["lang", ...shown.map((m) => `S:${labels[m]}`), ...shown.map((m) => `3W:${labels[m]}`)];
  const lines = [
    header,
    ...accuracyRows(summary, languages, (v, variant) => `${pct(v)}${v !== undefined && v < targets[variant] ? "*" : ""}`),
    ...footerRows(summary, languages),
  ];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const table = lines.map((l) => l.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
  return `${table}\n\n${rowCount} sentences; * below target.\n${renderMarkdown(summary, languages, rowCount).split("\n").slice(-4).join("\n")}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
