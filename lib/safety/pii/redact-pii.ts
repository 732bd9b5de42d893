import type { PiiFinding } from "./detect-pii";

/**
 * Replaces every personal value found in a source text by its masked form wherever it would be echoed
 * (normalised text, evidence excerpts, OCR lines), so a response never carries a full card number back.
 */
export function piiReplacements(source: string, findings: PiiFinding[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const f of findings) {
    const raw = source.slice(f.start, f.end);
    for (const variant of new Set([raw, raw.normalize("NFKC"), raw.replace(/\s+/g, " ")])) if (variant.length >= 4) pairs.push([variant, f.masked]);
  }
  // Longest first, so a value is not half-replaced by a shorter one it contains.
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

/** Applies the replacements to every string inside a JSON-like value. */
export function redactDeep<T>(value: T, replacements: [string, string][]): T {
  if (replacements.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return replacements.reduce((s, [from, to]) => s.split(from).join(to), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
