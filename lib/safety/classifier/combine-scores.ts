import type { InjectionCombiner } from "./injection-classifier-schema";
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

export interface LayerScores {
  signatureScore: number;
  ngramLogit: number;
  embeddingLogit: number;
}

/** The stacker's margin (0 at the operating point when the bias carries the threshold shift). */
export function combinedMargin(combiner: Omit<InjectionCombiner, "threshold">, s: LayerScores): number {
  return combiner.signatureWeight * signatureLogit(s.signatureScore) + combiner.ngramWeight * clampLogit(s.ngramLogit) + combiner.embeddingWeight * clampLogit(s.embeddingLogit) + combiner.bias;
}

/** Combines the layers into one probability of injection. */
export function combineScores(combiner: InjectionCombiner, s: LayerScores): number {
  return sigmoid(combinedMargin(combiner, s));
}

/** The learned layer alone: the mean of its two logits (n-grams and embedding). */
export function learnedProbability(s: Pick<LayerScores, "ngramLogit" | "embeddingLogit">): number {
  return sigmoid((clampLogit(s.ngramLogit) + clampLogit(s.embeddingLogit)) / 2);
}
