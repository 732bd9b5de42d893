import { chooseThresholds } from "../classifier/choose-thresholds";
import { defaultHyperparameters, fitNetwork, flaggedInMode, networkLogits, type Hyperparameters, type PreparedRow } from "../classifier/fit-injection-model";
import { VALIDATION_FOLD } from "../dataset/validation-folds";
import { detectionMetrics, type DetectionMetrics } from "./detection-metrics";

/**
 * Leave-one-source-out: for each upstream source of eval.jsonl and injections_extra.jsonl (a source and
 * its machine translations, and the rows built around its attack strings, are one: SafetyRow.origin),
 * a network is fitted on train folds 1-4 of every other source and of the benign files, the thresholds
 * are chosen by the shipped policy on the validation fold (fold 0) of those rows, and the held-out
 * source's test rows are scored at the prompt threshold. One fit per source (the release's five-fold
 * protocol times every source would not fit the 2-core budget); the signatures stay as written, so
 * this measures the detector on a dataset its learned part never saw.
 */

export interface HeldOutFigures extends DetectionMetrics {
  source: string;
  /** TPR >= minTpr where the source has attacks; FPR <= maxFpr where it has benign rows only. */
  meetsTarget: boolean;
}

export const HELD_OUT_TARGET = { minTpr: 0.7, maxFpr: 0.1 };

/** The upstream sources of attacks in the two attack files, in a fixed order (sources of benign rows only are not held out: the goal is on attacks). */
export function heldOutSources(rows: PreparedRow[]): string[] {
  return [...new Set(rows.filter((r) => r.row.label === 1).map((r) => r.row.origin))].sort();
}

export function leaveOneSourceOut(
  train: PreparedRow[],
  test: PreparedRow[],
  hp: Hyperparameters = defaultHyperparameters,
  onProgress?: (source: string) => void,
): HeldOutFigures[] {
  return heldOutSources([...train, ...test]).map((source) => {
    onProgress?.(source);
    const others = train.filter((r) => r.row.origin !== source);
    const network = fitNetwork(
      others.filter((r) => r.fold !== VALIDATION_FOLD),
      hp,
    );
    const validation = others.filter((r) => r.fold === VALIDATION_FOLD);
    const validationLogits = networkLogits(network, validation);
    const thresholds = chooseThresholds(
      validation.map((r, i) => ({ row: r.row, logit: validationLogits[i], signatureScore: r.signatureScore })),
      hp.thresholds,
    );
    const heldOut = test.filter((r) => r.row.origin === source);
    const logits = networkLogits(network, heldOut);
    const metrics = detectionMetrics(
      heldOut.map((r, i) => ({ label: r.row.label, flagged: flaggedInMode(thresholds, "prompt", logits[i], r.signatureScore) })),
    );
    const meetsTarget = metrics.tpr !== undefined ? metrics.tpr >= HELD_OUT_TARGET.minTpr : (metrics.fpr ?? 1) <= HELD_OUT_TARGET.maxFpr;
    return { source, ...metrics, meetsTarget };
  });
}
