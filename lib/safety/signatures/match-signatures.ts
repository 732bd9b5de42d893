import type { NormalizedText } from "../normalize/normalize-text";
import { originalSpan, type TextView } from "../normalize/text-view";
import { allSignatures } from "./all-signatures";
import { attackFamilyNames, type AttackFamily, type Signature } from "./families";
import { dominantScript, structuralHits } from "./structural-signals";

/**
 * The signature layer: every signature runs over every normalised view of the text and over each
 * decoded payload; structural checks add the families that are about shape. Hits carry spans in the
 * original text. Scores combine as a noisy-OR: independent weak signals add up, one strong one suffices.
 */

export interface SignatureHit {
  family: AttackFamily;
  signature: string;
  weight: number;
  start: number;
  end: number;
  /** The original text of the span (shortened). */
  excerpt: string;
  /** Where it was found: a normalised view, a decoded payload, or the text's structure. */
  foundIn: string;
  detail?: string;
}

export interface SignatureResult {
  score: number;
  familyScores: Partial<Record<AttackFamily, number>>;
  hits: SignatureHit[];
  matchMs: number;
}

const MAX_MATCHES_PER_SIGNATURE = 3;
const MAX_EXCERPT_CHARS = 160;

function excerpt(original: string, start: number, end: number): string {
  const text = original.slice(start, end);
  return text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS - 1)}…` : text;
}

function runSignatures(text: string, signatures: Signature[], onMatch: (signature: Signature, start: number, end: number, matched: string) => void) {
  for (const signature of signatures) {
    signature.pattern.lastIndex = 0;
    let count = 0;
    for (let m = signature.pattern.exec(text); m && count < MAX_MATCHES_PER_SIGNATURE; m = signature.pattern.exec(text)) {
      if (m[0].length === 0) {
        signature.pattern.lastIndex++;
        continue;
      }
      onMatch(signature, m.index, m.index + m[0].length, m[0]);
      count++;
    }
  }
}

export function matchSignatures(input: NormalizedText, signatures: Signature[] = allSignatures): SignatureResult {
  const startedAt = performance.now();
  const hits: SignatureHit[] = [];
  const seen = new Set<string>();
  const add = (hit: SignatureHit) => {
    const key = `${hit.signature}:${hit.start}:${hit.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push(hit);
  };
  const mainScript = dominantScript(input.normalized.text);

  const plainFamilies = new Set<AttackFamily>();
  for (const { name, view } of input.views) {
    runSignatures(view.text, signatures, (signature, s, e, matched) => {
      const span = originalSpan(view as TextView, s, e);
      if (name === "normalized") plainFamilies.add(signature.family);
      add({
        family: signature.family,
        signature: signature.id,
        weight: signature.weight,
        ...span,
        excerpt: excerpt(input.original, span.start, span.end),
        foundIn: name,
      });
      if (signature.lang && mainScript === "Latin" && dominantScript(matched) !== "Latin") {
        add({
          family: "language-switch",
          signature: "instruction-in-other-script",
          weight: 0.65,
          ...span,
          excerpt: excerpt(input.original, span.start, span.end),
          foundIn: name,
          detail: `${signature.lang} instruction inside Latin-script text`,
        });
      }
      if (name !== "normalized" && !plainFamilies.has(signature.family)) {
        add({
          family: "encoding",
          signature: `obfuscated-${name}`,
          weight: 0.6,
          ...span,
          excerpt: excerpt(input.original, span.start, span.end),
          foundIn: name,
          detail: `"${signature.family}" phrase hidden by ${name === "deleet" ? "leetspeak" : "spaced-out letters"}`,
        });
      }
    });
  }

  for (const segment of input.decoded) {
    runSignatures(segment.text, signatures, (signature) => {
      add({
        family: signature.family,
        signature: signature.id,
        weight: signature.weight,
        start: segment.start,
        end: segment.end,
        excerpt: excerpt(input.original, segment.start, segment.end),
        foundIn: `decoded:${segment.encoding}`,
        detail: segment.text.slice(0, 200),
      });
      add({
        family: "encoding",
        signature: "encoded-attack",
        weight: 0.9,
        start: segment.start,
        end: segment.end,
        excerpt: excerpt(input.original, segment.start, segment.end),
        foundIn: `decoded:${segment.encoding}`,
        detail: `${segment.encoding} payload carries a "${signature.family}" instruction`,
      });
    });
  }

  // A phrase that only matches after folding lookalikes or removing invisible characters was disguised on purpose.
  const o = input.obfuscation;
  if (o.homoglyphs + o.invisible + o.bidi + o.tags > 0) {
    const rawFamilies = new Set<AttackFamily>();
    runSignatures(input.original, signatures, (signature) => rawFamilies.add(signature.family));
    for (const family of plainFamilies) {
      if (rawFamilies.has(family)) continue;
      const first = hits.find((h) => h.family === family && h.foundIn === "normalized")!;
      const disguise = o.homoglyphs > 0 ? "homoglyph" : "invisible-characters";
      add({
        ...first,
        family: disguise,
        signature: `disguised-${family}`,
        weight: 0.85,
        detail: `"${family}" phrase disguised with ${disguise === "homoglyph" ? "lookalike letters" : "invisible characters"}`,
      });
    }
  }

  for (const hit of structuralHits(input)) {
    add({
      family: hit.family,
      signature: hit.id,
      weight: hit.weight,
      start: hit.start,
      end: hit.end,
      excerpt: excerpt(input.original, hit.start, Math.min(hit.end, hit.start + MAX_EXCERPT_CHARS)),
      foundIn: "structure",
      detail: hit.detail,
    });
  }

  const familyScores = scoreFamilies(hits);
  const score = 1 - Object.values(familyScores).reduce((keep, s) => keep * (1 - s), 1);
  return { score, familyScores, hits, matchMs: performance.now() - startedAt };
}

/** Noisy-OR within a family over distinct signatures (each at its strongest). */
export function scoreFamilies(hits: SignatureHit[]): Partial<Record<AttackFamily, number>> {
  const bySignature = new Map<string, { family: AttackFamily; weight: number }>();
  for (const hit of hits) {
    const key = `${hit.family}:${hit.signature}`;
    const previous = bySignature.get(key);
    if (!previous || previous.weight < hit.weight) bySignature.set(key, { family: hit.family, weight: hit.weight });
  }
  const scores: Partial<Record<AttackFamily, number>> = {};
  for (const family of attackFamilyNames) {
    const weights = [...bySignature.values()].filter((s) => s.family === family).map((s) => s.weight);
    if (weights.length) scores[family] = Math.min(0.995, 1 - weights.reduce((keep, w) => keep * (1 - w), 1));
  }
  return scores;
}
