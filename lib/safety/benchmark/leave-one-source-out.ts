import {
  defaultHyperparameters,
  fitInjectionModel,
  flaggedInMode,
  networkLogits,
  type Hyperparameters,
  type PreparedRow,
} from "../classifier/fit-injection-model";
import { sourceGroups } from "../dataset/read-injection-data";
import { detectionMetrics, type DetectionMetrics } from "./detection-metrics";

/**
 * Leave-one-source-out: for each eval.jsonl source group, the whole fitting procedure (network,
 * out-of-fold thresholds, final network) is run on the train rows of every other source and of
 * benign_everyday, then the held-out source's test rows are scored at the prompt threshold. The
 * signatures stay as written, so this measures the detector on a dataset its learned part never saw.
 */

export interface HeldOutFigures extends DetectionMetrics {
  source: string;
  /** TPR >= 80% where the source has attacks; FPR <= 10% where it has benign rows only. */
  meetsTarget: boolean;
}

export const HELD_OUT_TARGET = { minTpr: 0.8, maxFpr: 0.1 };

export function leaveOneSourceOut(
  train: PreparedRow[],
  test: PreparedRow[],
  hp: Hyperparameters = defaultHyperparameters,
  onProgress?: (source: string) => void,
): HeldOutFigures[] {
  return sourceGroups.map((source) => {
    onProgress?.(source);
    const model = fitInjectionModel(
      train.filter((r) => r.row.group !== source),
      hp,
    );
    const heldOut = test.filter((r) => r.row.group === source);
    const logits = networkLogits(model, heldOut);
    const metrics = detectionMetrics(
      heldOut.map((r, i) => ({ label: r.row.label, flagged: flaggedInMode(model.thresholds, "prompt", logits[i], r.signatureScore) })),
    );
    const meetsTarget = metrics.tpr !== undefined ? metrics.tpr >= HELD_OUT_TARGET.minTpr : (metrics.fpr ?? 1) <= HELD_OUT_TARGET.maxFpr;
    return { source, ...metrics, meetsTarget };
  });
}
