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

/**
 * `seenInTrain`: keys of test attacks whose attack string (or carrier) also occurs in a train row
 * (attack-overlap.ts); the `unseen` figures leave them out.
 */
export function summarizeTestSplit(scored: ScoredTestRow[], seenInTrain: Set<string> = new Set()) {
  const evalRows = scored.filter((s) => s.row.dataset === "eval");
  const everydayRows = scored.filter((s) => s.row.dataset === "everyday");
  const promptRows = scored.filter((s) => s.row.dataset === "prompts");
  const extraRows = scored.filter((s) => s.row.dataset === "extra");
  const attackPool = [...evalRows, ...extraRows];
  const unseenPool = attackPool.filter((s) => !seenInTrain.has(s.row.key));
  const attackRows = attackPool.filter((s) => s.row.label === 1);
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
    /** eval.jsonl + injections_extra.jsonl: the attack goals (benign rows are eval.jsonl's). */
    attacks: {
      overall: detectionMetrics(attackPool.map(asPrompt)),
      unseen: { ...detectionMetrics(unseenPool.map(asPrompt)), seenLeftOut: attackPool.length - unseenPool.length },
      signaturesOnly: detectionMetrics(attackPool.map((s) => ({ label: s.row.label, flagged: s.signatureFlag }))),
      networkOnly: detectionMetrics(attackPool.map((s) => ({ label: s.row.label, flagged: s.classifierFlag }))),
      byExtraCategory: metricsBy(promptView(extraRows), (x) => x.s.row.category).map(({ key, ...m }) => {
        const unseen = extraRows.filter((s) => s.row.category === key && !seenInTrain.has(s.row.key));
        return { category: key, ...m, unseen: detectionMetrics(unseen.map(asPrompt)) };
      }),
      byLanguage: metricsBy(promptView(attackRows), (x) => x.s.row.lang).map(({ key, ...m }) => ({ lang: key, ...m })),
      byOrigin: metricsBy(promptView(attackRows), (x) => x.s.row.origin).map(({ key, ...m }) => ({ origin: key, ...m })),
      documentMode: detectionMetrics(attackRows.map(asDocument)),
    },
    benignPrompts: {
      overall: detectionMetrics(promptRows.map(asPrompt)),
      byCategory: metricsBy(promptView(promptRows), (x) => x.s.row.category).map(({ key, ...m }) => ({ category: key, ...m })),
      documentByCategory: metricsBy(
        promptRows.map((s) => ({ ...asDocument(s), s })),
        (x) => x.s.row.category,
      ).map(({ key, ...m }) => ({ category: key, ...m })),
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
        const file = { eval: "eval.jsonl", everyday: "benign_everyday", prompts: "benign_prompts", extra: "injections_extra" }[dataset];
        return { category: `${file}: ${category}`, rows: c.rows, correct };
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
