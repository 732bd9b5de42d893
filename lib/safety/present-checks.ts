import type { InjectionDetection } from "./detect-injection";
import type { detectPii } from "./pii/detect-pii";
import type { InjectionCheck, PiiCheck } from "./schemas";
import { round } from "../stats";

/** Shapes detector results into the API's snake_case check objects. */

/**
 * The injection check's safety score (1 = safe) from the detector's probability: 0.5 exactly at the
 * detector's threshold (so the verdict is unchanged), sharpened in logit space by SCORE_SHARPNESS so
 * that ordinary text scores near 1 rather than at 1 - p. Chosen on the train split: with the v2
 * detector, 99.6% of the benign train rows of both files score above 0.9 at factor 1 or 2, 99.9% at 3.
 */
export const SCORE_SHARPNESS = 3;
const logit = (p: number) => Math.log(Math.min(Math.max(p, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(p, 1e-6), 1 - 1e-6)));

export function injectionSafetyScore(probability: number, threshold: number): number {
  const centred = logit(probability) - logit(threshold);
  return 1 / (1 + Math.exp(SCORE_SHARPNESS * centred));
}

export function toInjectionCheck(d: InjectionDetection): InjectionCheck {
  return {
    available: true,
    score: round(injectionSafetyScore(d.probability, d.threshold), 4),
    probability: round(d.probability, 4),
    flagged: d.flagged,
    threshold: d.threshold,
    mode: d.mode,
    layers: {
      signatures: { score: round(d.layers.signatures.score, 4), hit_count: d.layers.signatures.hitCount },
      classifier: {
        available: d.layers.classifier.available,
        ...(d.layers.classifier.probability !== undefined ? { probability: round(d.layers.classifier.probability, 4) } : {}),
        ...(d.layers.classifier.reason ? { reason: d.layers.classifier.reason } : {}),
      },
    },
    degraded: d.degraded,
    missing_layers: d.missingLayers,
    families: d.families.map((f) => ({ family: f.family, score: round(f.score, 4) })),
    ...(d.explanation
      ? {
          explanation: {
            signatures: d.explanation.signatures.map((h) => ({
              start: h.start,
              end: h.end,
              signature: h.signature,
              family: h.family,
              weight: h.weight,
              excerpt: h.excerpt,
            })),
            network: d.explanation.network.map((s) => ({ start: s.start, end: s.end, excerpt: s.excerpt, logit_drop: s.logitDrop })),
          },
        }
      : {}),
    normalization: {
      changed: d.normalization.changed,
      normalized_text: d.normalization.normalizedText,
      obfuscation: { ...d.normalization.obfuscation },
      decoded: d.normalization.decoded,
    },
  };
}

export function toPiiCheck(result: ReturnType<typeof detectPii>): PiiCheck {
  return { available: true, score: round(1 - result.score, 4), findings: result.findings };
}
