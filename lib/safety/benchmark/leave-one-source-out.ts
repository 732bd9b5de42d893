import "server-only";
import { combineScores, learnedProbability } from "../classifier/combine-scores";
import { baseLogits, defaultHyperparameters, fitInjectionModel, type PreparedRow } from "../classifier/fit-injection-model";
import { sourceGroups } from "../dataset/read-injection-data";
import { detectionMetrics, type DetectionMetrics } from "./detection-metrics";

/**
 * Leave-one-source-out: for each source group, the learned layer and the combiner are refitted on the
 * train rows of every other source, then scored on the held-out source's test rows. The signature
 * layer is fixed (it is written, not fitted), so this measures how the whole detector does on a
 * dataset it has never seen.
 */

export interface HeldOutFigures extends DetectionMetrics {
  source: string;
  /** >= 80% TPR where the source has attacks, <= 10% FPR where it has benign rows. */
  meetsTarget: boolean;
  classifierOnly: DetectionMetrics;
}

export const HELD_OUT_TARGET = { minTpr: 0.8, maxFpr: 0.1 };

export function leaveOneSourceOut(prepared: PreparedRow[], onProgress?: (source: string) => void): HeldOutFigures[] {
  const train = prepared.filter((r) => r.row.split === "train");
  const test = prepared.filter((r) => r.row.split === "test");
  return sourceGroups.map((source) => {
    onProgress?.(source);
    const model = fitInjectionModel(train.filter((r) => r.group !== source), defaultHyperparameters);
    const heldOut = test.filter((r) => r.group === source);
    const logits = heldOut.map((r) => baseLogits(model.base, r.dense, r.counts));
    const metrics = detectionMetrics(heldOut.map((r, i) => ({ label: r.label, flagged: combineScores(model.combiner, { signatureScore: r.signatureScore, ...logits[i] }) >= model.combiner.threshold })));
    const meetsTarget = (metrics.tpr === undefined || metrics.tpr >= HELD_OUT_TARGET.minTpr) && (metrics.fpr === undefined || metrics.fpr <= HELD_OUT_TARGET.maxFpr);
    return { source, ...metrics, meetsTarget, classifierOnly: detectionMetrics(heldOut.map((r, i) => ({ label: r.label, flagged: learnedProbability(logits[i]) >= 0.5 }))) };
  });
}
