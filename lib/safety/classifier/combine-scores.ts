import type { InjectionClassifier } from "./injection-classifier-schema";
import { sigmoid } from "./logistic-regression";

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The signature score on the logit scale, clamped so "no hit" and "certain hit" stay finite. */
export function signatureLogit(signatureScore: number): number {
  const p = clamp(signatureScore, 0.02, 0.98);
  return Math.log(p / (1 - p));
}

export function clampLogit(logit: number): number {
  return clamp(logit, -12, 12);
}

/** Combines the two layers into one calibrated probability of injection. */
export function combineScores(combiner: InjectionClassifier["combiner"], signatureScore: number, classifierLogit: number): number {
  return sigmoid(combiner.signatureWeight * signatureLogit(signatureScore) + combiner.classifierWeight * clampLogit(classifierLogit) + combiner.bias);
}
