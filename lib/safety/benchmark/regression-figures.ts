import type { TestSplitFigures } from "./summarize-test-split";

/**
 * The figures the CI regression test holds the detector to, flattened by name, as written next to the
 * weights by scripts/bench-safety.ts (models/safety/injection-classifier.bench.json) and recomputed by
 * lib/safety/detect-injection.eval.test.ts. The test compares without printing values, so CI output is
 * never a source of test figures to tune by.
 */

export const REGRESSION_FIGURES_PATH = "models/safety/injection-classifier.bench.json";

export type RegressionFigures = Record<string, { kind: "tpr" | "fpr"; value: number }>;

/** Allowed drift: a code change that should not matter may move a rate this much, a regression more. */
export const REGRESSION_MARGIN = { tpr: 0.02, fpr: 0.01 };

export function regressionFigures(t: TestSplitFigures): RegressionFigures {
  const figures: RegressionFigures = {};
  const put = (name: string, kind: "tpr" | "fpr", value: number | undefined) => {
    if (value !== undefined) figures[`${name}.${kind}`] = { kind, value };
  };
  put("attacks", "tpr", t.attacks.overall.tpr);
  put("attacks", "fpr", t.attacks.overall.fpr);
  put("attacks-unseen", "tpr", t.attacks.unseen.tpr);
  put("attacks-as-document", "tpr", t.attacks.documentMode.tpr);
  for (const c of t.attacks.byExtraCategory) put(`injections_extra:${c.category}`, "tpr", c.tpr);
  for (const c of t.everyday.byCategory) put(`benign_everyday:${c.category}`, "fpr", c.fpr);
  for (const c of t.documentMode.everydayByCategory) put(`benign_everyday:${c.category}:document`, "fpr", c.fpr);
  for (const c of t.benignPrompts.byCategory) put(`benign_prompts:${c.category}`, "fpr", c.fpr);
  for (const c of t.benignPrompts.documentByCategory) put(`benign_prompts:${c.category}:document`, "fpr", c.fpr);
  return figures;
}

/** Names of the figures that moved past the margin (values deliberately not returned). */
export function regressedFigures(stored: RegressionFigures, now: RegressionFigures): string[] {
  return Object.entries(stored)
    .filter(([name, { kind, value }]) => {
      const current = now[name]?.value;
      if (current === undefined) return true;
      return kind === "tpr" ? current < value - REGRESSION_MARGIN.tpr : current > value + REGRESSION_MARGIN.fpr;
    })
    .map(([name]) => name);
}
