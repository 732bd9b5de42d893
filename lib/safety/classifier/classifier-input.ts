import type { NormalizedText } from "../normalize/normalize-text";

/**
 * What the learned layer reads: the most readable view of the text (leetspeak and spaced-out letters
 * undone, random casing folded) plus every decoded payload, so an attack hidden in base64 or lookalike
 * letters is classified as the plain text it stands for, and harmless noise does not look like an attack.
 */
export function classifierInput(normalized: NormalizedText): string {
  const view = (name: string) => normalized.views.find((v) => v.name === name)?.view.text;
  let text = view("deleet") ?? normalized.normalized.text;
  if (normalized.obfuscation.spacedRuns > 0 && !view("deleet")) text = view("despaced") ?? text;
  if (hasRandomCasing(text)) text = text.toLowerCase();
  return [text, ...normalized.decoded.map((segment) => segment.text)].join("\n");
}

/** Words with a lower-to-upper flip inside them ("iGnOrE"), beyond camelCase names, mean noise casing. */
function hasRandomCasing(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  if (words.length < 3) return false;
  const noisy = words.filter((w) => (w.match(/\p{Ll}\p{Lu}/gu) ?? []).length >= 1 && !/^\p{Lu}?\p{Ll}+(?:\p{Lu}\p{Ll}+)+$/u.test(w)).length;
  return noisy / words.length > 0.2;
}
