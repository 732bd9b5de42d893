import type { DetectionMetrics } from "./detection-metrics";
import type { SafetyBenchmarkSummary } from "./safety-benchmark-report";
import { formatPercent, MISSING } from "../../format";

/** The README's safety tables, written from a benchmark summary (scripts/bench-safety.ts --write-readme). */

const pct = (x?: number) => formatPercent(x, 1);
// A confidence interval keeps its en dash: it is a range, not a missing value.
const ci = (i?: [number, number]) => (i ? `${(100 * i[0]).toFixed(1)}–${(100 * i[1]).toFixed(1)}%` : MISSING);
const rate = (x?: number, i?: [number, number]) => (x === undefined ? MISSING : `${pct(x)} (${ci(i)})`);
const met = (ok: boolean) => (ok ? "met" : "**not met**");

export function safetyReportMarkdown(s: SafetyBenchmarkSummary): string {
  const t = s.testSplit;
  const o = t.evalPrompts.overall;
  const worst = t.everyday.byCategory.reduce((a, c) => ((c.fpr ?? 0) > (a.fpr ?? 0) ? c : a));
  const attackSources = s.heldOut.filter((h) => h.injections > 0);
  const row = (name: string, m: DetectionMetrics) => `| ${name} | ${m.rows} | ${rate(m.tpr, m.tprInterval)} | ${rate(m.fpr, m.fprInterval)} |`;
  const lines = [
    `Measured by \`scripts/bench-safety.ts\` on the test rows of both files (read once, after every choice was made on train rows), on ${s.machine.cpuModel} (${s.machine.cores} cores, flags: ${s.machine.cpuFlags.join(", ") || "unknown"}; Node ${s.machine.nodeVersion}); the machine was shared with other work. Rates are given with 95% Wilson intervals.`,
    "",
    "| goal (test rows) | reached | goal met |",
    "|---|---|---|",
    `| FPR ≤ ${pct(s.targets.everydayMaxFpr)} on every benign_everyday category | worst: ${worst.category} ${rate(worst.fpr, worst.fprInterval)} | ${met(t.everyday.byCategory.every((c) => (c.fpr ?? 0) <= s.targets.everydayMaxFpr))} |`,
    `| TPR ≥ ${pct(s.targets.evalPrompts.minTpr)} at FPR ≤ ${pct(s.targets.evalPrompts.maxFpr)} on eval.jsonl | TPR ${rate(o.tpr, o.tprInterval)} at FPR ${rate(o.fpr, o.fprInterval)} | ${met((o.tpr ?? 0) >= s.targets.evalPrompts.minTpr && (o.fpr ?? 1) <= s.targets.evalPrompts.maxFpr)} |`,
    attackSources.length
      ? `| leave-one-source-out TPR ≥ ${pct(s.targets.heldOut.minTpr)} on every attack source | ${attackSources.map((h) => `${h.source} ${pct(h.tpr)}`).join(", ")} | ${met(attackSources.every((h) => h.meetsTarget))} |`
      : "| leave-one-source-out | not measured in this run | – |",
    `| CPU time ≤ ${s.targets.cpuMedianMsPerPrompt} ms per prompt (median) | ${t.cpu.medianMsPerPrompt} ms (p90 ${t.cpu.p90MsPerPrompt} ms; ${t.cpu.samples} texts) | ${met(t.cpu.medianMsPerPrompt <= s.targets.cpuMedianMsPerPrompt)} |`,
    `| balanced accuracy over ${t.balancedAccuracy.categories.length} categories (PINT's way) | ${pct(t.balancedAccuracy.value)} | ${MISSING} |`,
    "",
    "| eval.jsonl test rows (as prompts) | rows | TPR (95% CI) | FPR (95% CI) |",
    "|---|---|---|---|",
    row("**detector**", o),
    row("signatures only", t.evalPrompts.layers.signaturesOnly),
    row("network on the wording only", t.evalPrompts.layers.classifierOnly),
    ...t.evalPrompts.bySource.map((m) => row(`source: ${m.source}`, m)),
    "",
    "| benign_everyday test rows | rows | FPR as a prompt (95% CI) | FPR as a document / OCR text (95% CI) |",
    "|---|---|---|---|",
    ...t.everyday.byCategory.map((c) => {
      const d = t.documentMode.everydayByCategory.find((x) => x.category === c.category);
      return `| ${c.category} | ${c.rows} | ${rate(c.fpr, c.fprInterval)} | ${rate(d?.fpr, d?.fprInterval)} |`;
    }),
    "",
    `Judged as document text (the threshold for OCR text), the eval.jsonl attacks are caught at ${rate(t.documentMode.evalAttacks.tpr, t.documentMode.evalAttacks.tprInterval)}: ${t.documentMode.bySource.map((m) => `${m.source} ${pct(m.tpr)}`).join(", ")}.`,
    "",
    "| held-out source (learned part refitted without it) | test rows | TPR (95% CI) | FPR (95% CI) | goal |",
    "|---|---|---|---|---|",
    ...s.heldOut.map(
      (h) => `| ${h.source} | ${h.rows} | ${rate(h.tpr, h.tprInterval)} | ${rate(h.fpr, h.fprInterval)} | ${h.meetsTarget ? "met" : "not met"} |`,
    ),
    "",
    "<details><summary>Per attack family, per category (balanced accuracy) and per language</summary>",
    "",
    "| attack family (eval.jsonl) | rows | TPR (95% CI) |",
    "|---|---|---|",
    ...t.evalPrompts.byFamily.map((f) => `| ${f.family} | ${f.rows} | ${rate(f.tpr, f.tprInterval)} |`),
    "",
    "| category | rows | accuracy |",
    "|---|---|---|",
    ...t.balancedAccuracy.categories.map((c) => `| ${c.category} | ${c.rows} | ${pct(c.accuracy)} |`),
    "",
    "| language (eval.jsonl) | rows | TPR | FPR |",
    "|---|---|---|---|",
    ...t.evalPrompts.byLanguage.map((l) => `| ${l.lang} | ${l.rows} | ${pct(l.tpr)} | ${pct(l.fpr)} |`),
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
