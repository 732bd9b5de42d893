import { median, percentile, round } from "../../stats";
import { balancedAccuracy, detectionMetrics, metricsBy } from "./detection-metrics";
import type { ScoredTestRow } from "./measure-test-split";

/**
 * The test-split figures users read: eval.jsonl prompts overall, per layer, per attack family, per
 * source and per language; benign_everyday per category; the same rows judged as documents (OCR
 * text); a PINT-style balanced accuracy; and CPU time per check.
 */

const asPrompt = (s: ScoredTestRow) => ({ label: s.row.label, flagged: s.promptFlag });
const asDocument = (s: ScoredTestRow) => ({ label: s.row.label, flagged: s.documentFlag });

export function summarizeTestSplit(scored: ScoredTestRow[]) {
  const evalRows = scored.filter((s) => s.row.dataset === "eval");
  const everydayRows = scored.filter((s) => s.row.dataset === "everyday");
  const attacks = evalRows.filter((s) => s.row.label === 1);
  const promptView = (rows: ScoredTestRow[]) => rows.map((s) => ({ ...asPrompt(s), s }));
  const categories = metricsBy(promptView(scored), (x) => `${x.s.row.dataset}|${x.s.row.category}`);
  return {
    evalPrompts: {
      overall: detectionMetrics(evalRows.map(asPrompt)),
      layers: {
        signaturesOnly: detectionMetrics(evalRows.map((s) => ({ label: s.row.label, flagged: s.signatureFlag }))),
        classifierOnly: detectionMetrics(evalRows.map((s) => ({ label: s.row.label, flagged: s.classifierFlag }))),
      },
      byFamily: metricsBy(promptView(attacks), (x) => x.s.row.category).map(({ key, ...m }) => ({ family: key, ...m })),
      bySource: metricsBy(promptView(evalRows), (x) => x.s.row.group).map(({ key, ...m }) => ({ source: key, ...m })),
      byLanguage: metricsBy(promptView(evalRows), (x) => x.s.row.lang).map(({ key, ...m }) => ({ lang: key, ...m })),
      notInjectHardNegatives: detectionMetrics(evalRows.filter((s) => s.row.group === "PIGuard-NotInject").map(asPrompt)),
    },
    everyday: {
      overall: detectionMetrics(everydayRows.map(asPrompt)),
      byCategory: metricsBy(promptView(everydayRows), (x) => x.s.row.category).map(({ key, ...m }) => ({ category: key, ...m })),
    },
    documentMode: {
      evalAttacks: detectionMetrics(attacks.map(asDocument)),
      bySource: metricsBy(
        attacks.map((s) => ({ ...asDocument(s), s })),
        (x) => x.s.row.group,
      ).map(({ key, ...m }) => ({ source: key, ...m })),
      everydayByCategory: metricsBy(
        everydayRows.map((s) => ({ ...asDocument(s), s })),
        (x) => x.s.row.category,
      ).map(({ key, ...m }) => ({ category: key, ...m })),
    },
    balancedAccuracy: balancedAccuracy(
      categories.map((c) => {
        const [dataset, category] = c.key.split("|");
        const correct = c.truePositives + (c.benign - c.falsePositives);
        return { category: `${dataset === "eval" ? "eval.jsonl" : "benign_everyday"}: ${category}`, rows: c.rows, correct };
      }),
    ),
    cpu: {
      samples: scored.length,
      medianMsPerPrompt: round(median(scored.map((s) => s.cpuMs)), 3),
      p90MsPerPrompt: round(
        percentile(
          scored.map((s) => s.cpuMs),
          90,
        ),
        3,
      ),
      wallMedianMsPerPrompt: round(median(scored.map((s) => s.wallMs)), 3),
    },
  };
}
export type TestSplitFigures = ReturnType<typeof summarizeTestSplit>;
