import type { InjectionDetection } from "./detect-injection";
import type { detectPii } from "./pii/detect-pii";
import type { InjectionCheck, PiiCheck } from "./schemas";

/** Shapes detector results into the API's snake_case check objects. */

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function toInjectionCheck(d: InjectionDetection): InjectionCheck {
  return {
    available: true,
    score: round(1 - d.probability),
    probability: round(d.probability),
    flagged: d.flagged,
    threshold: d.threshold,
    layers: {
      signatures: { score: round(d.layers.signatures.score), hit_count: d.layers.signatures.hitCount },
      classifier: {
        available: d.layers.classifier.available,
        ...(d.layers.classifier.probability !== undefined ? { probability: round(d.layers.classifier.probability) } : {}),
        ...(d.layers.classifier.reason ? { reason: d.layers.classifier.reason } : {}),
      },
    },
    families: d.families.map((f) => ({ family: f.family, score: round(f.score) })),
    normalization: {
      changed: d.normalization.changed,
      normalized_text: d.normalization.normalizedText,
      obfuscation: { ...d.normalization.obfuscation },
      decoded: d.normalization.decoded,
    },
  };
}

export function toPiiCheck(result: ReturnType<typeof detectPii>): PiiCheck {
  return { available: true, score: round(1 - result.score), findings: result.findings };
}
