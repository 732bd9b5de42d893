import { normalizeText, type NormalizedText } from "../normalize/normalize-text";
import { attackFamilyNames } from "../signatures/families";
import { matchSignatures, type SignatureResult } from "../signatures/match-signatures";
import { classifierInput } from "./classifier-input";
import { ngramCounts, type SparseVector } from "./hash-features";

/**
 * Everything the learned model reads from a text, computed the same way when fitting and when
 * answering a request, so the two cannot drift apart: the normalised text, the signature layer's
 * result, hashed n-gram counts of the classifier input and the dense features (one score per attack
 * family from the signatures, plus the signature layer's overall score on the logit scale).
 */

export interface InjectionFeatures {
  normalized: NormalizedText;
  signatures: SignatureResult;
  /** Sublinear n-gram term frequencies (IDF is applied by the model that reads them). */
  counts: SparseVector;
  dense: number[];
}

export const denseFeatureNames = [...attackFamilyNames.map((family) => `family:${family}`), "signatures:logit"];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The signature score on the logit scale, clamped so "no hit" and "certain hit" stay finite, divided by 4 to sit near the family scores' range. */
export function signatureLogitFeature(score: number): number {
  const p = clamp(score, 0.02, 0.98);
  return Math.log(p / (1 - p)) / 4;
}

export function signatureFeatures(signatures: SignatureResult): number[] {
  return [...attackFamilyNames.map((family) => signatures.familyScores[family] ?? 0), signatureLogitFeature(signatures.score)];
}

export function injectionFeatures(text: string, buckets: number): InjectionFeatures {
  const normalized = normalizeText(text);
  const signatures = matchSignatures(normalized);
  return { normalized, signatures, counts: ngramCounts(classifierInput(normalized), buckets), dense: signatureFeatures(signatures) };
}
