import { type DetectionMetrics, formatRateWithInterval } from "./detection-metrics";
import type { SafetyBenchmarkSummary } from "./safety-benchmark-report";
import { formatPercent } from "../../format";

/** The detector's benchmark tables for docs/safety-detector.md, written from a summary (scripts/bench-safety.ts --write-docs). */

const pct = (x?: number) => formatPercent(x, 1);
const rate = formatRateWithInterval;
const met = (ok: boolean) => (ok ? "met" : "**missed**");

type Named = DetectionMetrics & { category?: string; lang?: string; source?: string; origin?: string };

export function safetyReportMarkdown(s: SafetyBenchmarkSummary): string {
  const t = s.testSplit;
  const g = s.targets;
  const a = t.attacks;
  const benignPools = [
    ...t.everyday.byCategory.map((c) => ({ file: "benign_everyday", c, d: t.documentMode.everydayByCategory.find((x) => x.category === c.category) })),
    ...t.benignPrompts.byCategory.map((c) => ({ file: "benign_prompts", c, d: t.benignPrompts.documentByCategory.find((x) => x.category === c.category) })),
  ];
  const worstFpr = (key: "c" | "d") => benignPools.reduce((w, p) => ((p[key]?.fpr ?? 0) > (w[key]?.fpr ?? 0) ? p : w), benignPools[0]);
  const benignMet = (key: "c" | "d") => benignPools.every((p) => (p[key]?.fpr ?? 0) <= g.everydayMaxFpr);
  const languages = a.byLanguage.filter((l) => l.rows >= g.minLanguageRows && l.lang !== "none");
  const attackSources = s.heldOut.filter((h) => h.injections > 0);
  const below = (list: Named[], name: (x: Named) => string) =>
    list
      .filter((x) => (x.tpr ?? 0) < g.perCategoryMinTpr)
      .map((x) => `${name(x)} ${pct(x.tpr)}`)
      .join(", ") || "none";
  const row = (name: string, m: DetectionMetrics) => `| ${name} | ${m.rows} | ${rate(m.tpr, m.tprInterval)} | ${rate(m.fpr, m.fprInterval)} |`;
  const lines = [
    `Measured by \`scripts/bench-safety.ts\` on the test rows of the four files (read once for this release, after every choice was made on train rows), on ${s.machine.cpuModel} (${s.machine.cores} cores; CPU flags: ${s.machine.cpuFlags.join(", ") || "unknown"}; Node ${s.machine.nodeVersion}). The machine was shared with other work while it ran, so times are upper bounds. Rates carry 95% Wilson intervals.`,
    "",
    "| goal (test rows) | reached | goal |",
    "|---|---|---|",
    `| FPR ≤ ${pct(g.everydayMaxFpr)} on every category of benign_everyday and benign_prompts, as a prompt | worst: ${worstFpr("c").file} ${worstFpr("c").c.category} ${rate(worstFpr("c").c.fpr, worstFpr("c").c.fprInterval)} | ${met(benignMet("c"))} |`,
    `| the same, as document / OCR text | worst: ${worstFpr("d").file} ${worstFpr("d").c.category} ${rate(worstFpr("d").d?.fpr, worstFpr("d").d?.fprInterval)} | ${met(benignMet("d"))} |`,
    `| TPR ≥ ${pct(g.evalPrompts.minTpr)} at FPR ≤ ${pct(g.evalPrompts.maxFpr)} on eval.jsonl + injections_extra | TPR ${rate(a.overall.tpr, a.overall.tprInterval)} at FPR ${rate(a.overall.fpr, a.overall.fprInterval)} | ${met((a.overall.tpr ?? 0) >= g.evalPrompts.minTpr && (a.overall.fpr ?? 1) <= g.evalPrompts.maxFpr)} |`,
    `| the same without the ${a.unseen.seenLeftOut} test attacks that share an 8-word run with a train attack | TPR ${rate(a.unseen.tpr, a.unseen.tprInterval)} at FPR ${rate(a.unseen.fpr, a.unseen.fprInterval)} | ${met((a.unseen.tpr ?? 0) >= g.evalPrompts.minTpr && (a.unseen.fpr ?? 1) <= g.evalPrompts.maxFpr)} |`,
    `| TPR ≥ ${pct(g.perCategoryMinTpr)} on each injections_extra category | below: ${below(a.byExtraCategory, (x) => x.category ?? "")} | ${met(a.byExtraCategory.every((c) => (c.tpr ?? 0) >= g.perCategoryMinTpr))} |`,
    `| TPR ≥ ${pct(g.perCategoryMinTpr)} on each language with ≥ ${g.minLanguageRows} test attacks (${languages.map((l) => l.lang).join(", ")}) | below: ${below(languages, (x) => x.lang ?? "")} | ${met(languages.every((l) => (l.tpr ?? 0) >= g.perCategoryMinTpr))} |`,
    attackSources.length
      ? `| leave-one-source-out TPR ≥ ${pct(g.heldOut.minTpr)} on every held-out source | ${attackSources.map((h) => `${h.source} ${pct(h.tpr)}`).join(", ")} | ${met(attackSources.every((h) => h.meetsTarget))} |`
      : "| leave-one-source-out | not measured in this run | – |",
    `| CPU ≤ ${g.cpuMedianMsPerPrompt} ms per prompt (median) on the API path, worker thread included | ${s.apiPathCpu ? `${s.apiPathCpu.medianMsPerPrompt} ms (p90 ${s.apiPathCpu.p90MsPerPrompt} ms; ${s.apiPathCpu.samples} test texts through the worker pool)` : "not measured"}; detector alone in-process ${t.cpu.medianMsPerPrompt} ms (p90 ${t.cpu.p90MsPerPrompt} ms) | ${met((s.apiPathCpu?.medianMsPerPrompt ?? Infinity) <= g.cpuMedianMsPerPrompt)} |`,
    `| ≤ ${g.addedRssMb} MB added RSS | ${s.addedRssMb !== undefined ? `${s.addedRssMb} MB per copy (one per worker thread)` : "not measured"} | ${met((s.addedRssMb ?? Infinity) <= g.addedRssMb)} |`,
    "",
    "| eval.jsonl + injections_extra test rows (as prompts) | rows | TPR (95% CI) | FPR (95% CI) |",
    "|---|---|---|---|",
    row("**detector**", a.overall),
    row(`detector, without ${a.unseen.seenLeftOut} attacks seen in train`, a.unseen),
    row("signatures only (at their operating threshold)", a.signaturesOnly),
    row("network only (wording, at its threshold)", a.networkOnly),
    row("eval.jsonl alone", t.evalPrompts.overall),
    ...t.evalPrompts.bySource.map((m) => row(`eval.jsonl source: ${m.source}`, m)),
    "",
    "| injections_extra category | rows | TPR (95% CI) | without attacks seen in train: rows, TPR |",
    "|---|---|---|---|",
    ...a.byExtraCategory.map(
      (c) => `| ${c.category} | ${c.rows} | ${rate(c.tpr, c.tprInterval)} | ${c.unseen.rows}, ${rate(c.unseen.tpr, c.unseen.tprInterval)} |`,
    ),
    "",
    "| benign test rows | rows | FPR as a prompt (95% CI) | FPR as document / OCR text (95% CI) |",
    "|---|---|---|---|",
    ...benignPools.map((p) => `| ${p.file}: ${p.c.category} | ${p.c.rows} | ${rate(p.c.fpr, p.c.fprInterval)} | ${rate(p.d?.fpr, p.d?.fprInterval)} |`),
    "",
    `Judged as document text (the threshold for OCR text), the attacks are caught at ${rate(a.documentMode.tpr, a.documentMode.tprInterval)}.`,
    "",
    "| held-out source (network refitted without it) | test rows | TPR (95% CI) | FPR (95% CI) | goal |",
    "|---|---|---|---|---|",
    ...s.heldOut.map(
      (h) => `| ${h.source} | ${h.rows} | ${rate(h.tpr, h.tprInterval)} | ${rate(h.fpr, h.fprInterval)} | ${h.meetsTarget ? "met" : "missed"} |`,
    ),
    "",
    "<details><summary>Per attack family, language, source and category</summary>",
    "",
    "| attack family (eval.jsonl) | rows | TPR (95% CI) |",
    "|---|---|---|",
    ...t.evalPrompts.byFamily.map((f) => `| ${f.family} | ${f.rows} | ${rate(f.tpr, f.tprInterval)} |`),
    "",
    "| language (attacks of both files) | rows | TPR (95% CI) |",
    "|---|---|---|",
    ...a.byLanguage.map((l) => `| ${l.lang} | ${l.rows} | ${rate(l.tpr, l.tprInterval)} |`),
    "",
    "| upstream source (attacks of both files) | rows | TPR (95% CI) |",
    "|---|---|---|",
    ...a.byOrigin.map((o) => `| ${o.origin} | ${o.rows} | ${rate(o.tpr, o.tprInterval)} |`),
    "",
    "| category | rows | accuracy |",
    "|---|---|---|",
    ...t.balancedAccuracy.categories.map((c) => `| ${c.category} | ${c.rows} | ${pct(c.accuracy)} |`),
    "",
    `Balanced accuracy over the ${t.balancedAccuracy.categories.length} categories (PINT's way): ${pct(t.balancedAccuracy.value)}.`,
    "",
    "</details>",
    ...(s.imageLatency
      ? [
          "",
          `Image checks on a 900x135 two-line screenshot (median of ${s.imageLatency.runs}): NSFW ${s.imageLatency.medianMs.nsfw} ms, OCR ${s.imageLatency.medianMs.ocr} ms.`,
        ]
      : []),
  ];
  return lines.join("\n");
}
