import type { Thresholds } from "./choose-thresholds";
import { flaggedInMode, type PreparedRow } from "./fit-injection-model";
import { round } from "../../stats";

/**
 * Detection per group of train rows from out-of-fold logits at given thresholds: what the fit record
 * and the design choices are judged by (never the test split).
 */

export interface GroupFigures {
  group: string;
  label: 0 | 1;
  rows: number;
  flagged: number;
  /** Share flagged: TPR for attacks, FPR for benign rows. */
  rate: number;
}

export function validationFigures(
  rows: PreparedRow[],
  logits: number[],
  thresholds: Thresholds,
  mode: "prompt" | "document",
  keep: (r: PreparedRow) => boolean = () => true,
) {
  const groups = new Map<string, GroupFigures>();
  let attacks = 0;
  let caught = 0;
  let evalBenign = 0;
  let evalFalseAlarms = 0;
  rows.forEach((r, i) => {
    if (!keep(r) || Number.isNaN(logits[i])) return;
    const flagged = flaggedInMode(thresholds, mode, logits[i], r.signatureScore);
    const key = `${r.row.group}|${r.row.label}`;
    const g = groups.get(key) ?? { group: r.row.group, label: r.row.label, rows: 0, flagged: 0, rate: 0 };
    g.rows++;
    if (flagged) g.flagged++;
    g.rate = g.flagged / g.rows;
    groups.set(key, g);
    if (r.row.label === 1) {
      attacks++;
      if (flagged) caught++;
    } else if (r.row.dataset === "eval") {
      evalBenign++;
      if (flagged) evalFalseAlarms++;
    }
  });
  return {
    tpr: round(caught / Math.max(attacks, 1), 4),
    evalBenignFpr: round(evalFalseAlarms / Math.max(evalBenign, 1), 4),
    byGroup: [...groups.values()].sort((a, b) => a.group.localeCompare(b.group) || a.label - b.label).map((g) => ({ ...g, rate: round(g.rate, 4) })),
  };
}
