import type { NormalizedText } from "../normalize/normalize-text";
import type { AttackFamily } from "./families";

/**
 * Families recognised by the shape of the text rather than by phrases: how much obfuscation had to be
 * undone, many fabricated dialogue turns, a second script carrying a clause, flooding with one token.
 */

export interface StructuralHit {
  id: string;
  family: AttackFamily;
  weight: number;
  start: number;
  end: number;
  detail: string;
}

const scriptOf: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Han", /\p{Script=Han}/u],
  ["Kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Bengali", /\p{Script=Bengali}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
];

export function dominantScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const ch of text) {
    for (const [name, re] of scriptOf) if (re.test(ch)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [name, count] of counts) if (count > bestCount) [best, bestCount] = [name, count];
  return best;
}

export function structuralHits(input: NormalizedText): StructuralHit[] {
  const hits: StructuralHit[] = [];
  const { obfuscation: o, original } = input;
  const whole = { start: 0, end: original.length };

  if (o.homoglyphs >= 2)
    hits.push({
      id: "homoglyph-letters",
      family: "homoglyph",
      weight: o.homoglyphs >= 5 ? 0.6 : 0.4,
      ...whole,
      detail: `${o.homoglyphs} lookalike letters from other scripts inside Latin words`,
    });
  const hidden = o.invisible + o.bidi + o.tags;
  if (o.tags > 0)
    hits.push({
      id: "tag-characters",
      family: "invisible-characters",
      weight: 0.85,
      ...whole,
      detail: `${o.tags} invisible Unicode tag characters (hidden ASCII)`,
    });
  if (o.bidi > 0)
    hits.push({ id: "bidi-controls", family: "invisible-characters", weight: 0.55, ...whole, detail: `${o.bidi} bidirectional control characters` });
  if (o.invisible >= 2 || (o.invisible >= 1 && hidden >= 2))
    hits.push({
      id: "zero-width",
      family: "invisible-characters",
      weight: o.invisible >= 4 ? 0.55 : 0.35,
      ...whole,
      detail: `${o.invisible} zero-width or invisible characters`,
    });
  if (o.combiningMarks >= 6)
    hits.push({ id: "stacked-marks", family: "homoglyph", weight: 0.35, ...whole, detail: `${o.combiningMarks} combining marks stacked on Latin letters` });
  if (o.spacedRuns >= 2)
    hits.push({ id: "spaced-letters", family: "encoding", weight: 0.3, ...whole, detail: `${o.spacedRuns} words spelled with separated letters` });
  if (o.leetWords >= 3) hits.push({ id: "leetspeak", family: "encoding", weight: 0.25, ...whole, detail: `${o.leetWords} leetspeak words` });

  for (const segment of input.decoded) {
    hits.push({
      id: `decoded-${segment.encoding}`,
      family: "encoding",
      weight: segment.encoding === "rot13" || segment.encoding === "reversed" ? 0.5 : 0.45,
      start: segment.start,
      end: segment.end,
      detail: `${segment.encoding} payload decodes to: ${segment.text.slice(0, 120)}`,
    });
  }

  const text = input.normalized.text;
  const turns = text.match(/(?:^|\n|\s)(?:Q|A|User|Assistant|Human|AI|Bot|Input|Output|Question|Answer|Example \d+)\s*:/g) ?? [];
  if (turns.length >= 6)
    hits.push({ id: "many-turns", family: "few-shot", weight: turns.length >= 12 ? 0.5 : 0.38, ...whole, detail: `${turns.length} scripted dialogue turns` });

  const main = dominantScript(text);
  if (main) {
    for (const match of text.matchAll(
      /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]{6,}(?:[\s\p{P}]+[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+)*/gu,
    )) {
      const run = match[0];
      const runScript = dominantScript(run);
      if (main === "Latin" && runScript && runScript !== "Latin" && run.length >= 8 && run.length < text.length * 0.6) {
        const start = input.normalized.starts[match.index] ?? 0;
        hits.push({
          id: "foreign-script-clause",
          family: "language-switch",
          weight: 0.3,
          start,
          end: start + run.length,
          detail: `a ${runScript} clause inside ${main} text`,
        });
        break;
      }
    }
  }

  const tokens = text.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  if (tokens.length >= 12) {
    const prefixes = new Map<string, number>();
    for (const t of tokens) prefixes.set(t.slice(0, 4), (prefixes.get(t.slice(0, 4)) ?? 0) + 1);
    const top = Math.max(...prefixes.values());
    if (top >= 10 && top / tokens.length >= 0.4)
      hits.push({ id: "repeated-token", family: "repetition-overload", weight: 0.55, ...whole, detail: `one token repeated ${top} times` });
  }
  const repeatAsk = /\brepeat\b[^.\n]{0,30}\b(?:forever|infinitely|endlessly|\d{3,} times|over and over)\b/i.exec(text);
  if (repeatAsk) {
    const start = input.normalized.starts[repeatAsk.index] ?? 0;
    hits.push({
      id: "repeat-forever",
      family: "repetition-overload",
      weight: 0.55,
      start,
      end: start + repeatAsk[0].length,
      detail: "asks for endless repetition",
    });
  }
  return hits;
}
