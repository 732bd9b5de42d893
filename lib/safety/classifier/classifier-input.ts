import type { NormalizedText } from "../normalize/normalize-text";
import type { TextView } from "../normalize/text-view";

/**
 * What the learned layer reads: the most readable view of the text (leetspeak and spaced-out letters
 * undone, random casing folded) plus every decoded payload, so an attack hidden in base64 or lookalike
 * letters is classified as the plain text it stands for, and harmless noise does not look like an attack.
 */

export interface ClassifierInputParts {
  /** The chosen view, whose characters map back to the original text (for explanations). */
  view: TextView;
  lowercase: boolean;
  /** Decoded payloads and the original span each was decoded from. */
  decoded: { text: string; start: number; end: number }[];
}

export function classifierInputParts(normalized: NormalizedText): ClassifierInputParts {
  const view = (name: string) => normalized.views.find((v) => v.name === name)?.view;
  let chosen = view("deleet") ?? normalized.normalized;
  if (normalized.obfuscation.spacedRuns > 0 && !view("deleet")) chosen = view("despaced") ?? chosen;
  return {
    view: chosen,
    lowercase: hasRandomCasing(chosen.text),
    decoded: normalized.decoded.map((segment) => ({ text: segment.text, start: segment.start, end: segment.end })),
  };
}

/** The text the network reads, from its parts; `mainText` replaces the view's text (occlusion). */
export function joinClassifierInput(parts: ClassifierInputParts, mainText = parts.view.text, decoded = parts.decoded.map((d) => d.text)): string {
  return [parts.lowercase ? mainText.toLowerCase() : mainText, ...decoded].join("\n");
}

export function classifierInput(normalized: NormalizedText): string {
  return joinClassifierInput(classifierInputParts(normalized));
}

/** Words with a lower-to-upper flip inside them ("iGnOrE"), beyond camelCase names, mean noise casing. */
function hasRandomCasing(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  if (words.length < 3) return false;
  const noisy = words.filter((w) => (w.match(/\p{Ll}\p{Lu}/gu) ?? []).length >= 1 && !/^\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)+$/u.test(w)).length;
  return noisy / words.length > 0.2;
}
