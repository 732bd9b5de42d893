import { confusableToLatin, isBidiControl, isInvisible, tagCharacterToAscii } from "./confusables";
import { decodeEmbedded, type DecodedSegment } from "./decode-embedded";
import { originalSpan, replaceInView, ViewBuilder, type TextView } from "./text-view";

/**
 * Normalises untrusted text before any detector reads it, so that an attack spelled with lookalike
 * letters, invisible characters, spaced-out letters, leetspeak or an encoding reads the same as the
 * plain attack. Every derived view keeps a map back to the original, so evidence spans point at what
 * was sent. What had to be undone is counted: obfuscation is itself a signal.
 */

export type ViewName = "normalized" | "deleet" | "despaced";

export interface ObfuscationCounts {
  invisible: number;
  bidi: number;
  tags: number;
  homoglyphs: number;
  combiningMarks: number;
  leetWords: number;
  spacedRuns: number;
}

export interface NormalizedText {
  original: string;
  /** NFKC, homoglyphs folded to Latin, invisible and bidi controls removed, spacing collapsed. */
  normalized: TextView;
  /** Views the signatures are matched against (normalized first). */
  views: { name: ViewName; view: TextView }[];
  /** Decoded payloads, with spans in the original text. */
  decoded: DecodedSegment[];
  obfuscation: ObfuscationCounts;
  normalizeMs: number;
}

const latinLetter = /[A-Za-z\u00c0-\u024f]/;

export function normalizeText(original: string): NormalizedText {
  const startedAt = performance.now();
  const counts: ObfuscationCounts = { invisible: 0, bidi: 0, tags: 0, homoglyphs: 0, combiningMarks: 0, leetWords: 0, spacedRuns: 0 };

  const builder = new ViewBuilder();
  let previous = "";
  for (let i = 0; i < original.length; ) {
    const codePoint = original.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const char = String.fromCodePoint(codePoint);
    const tag = tagCharacterToAscii(codePoint);
    if (tag !== undefined) {
      counts.tags++;
      builder.push(tag, i, i + width);
    } else if (isInvisible(codePoint)) counts.invisible++;
    else if (isBidiControl(codePoint)) counts.bidi++;
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(char)) builder.push(" ", i, i + width);
    // A lone surrogate becomes U+FFFD: left as it is, dropping an invisible between two halves would pair them into a
    // new character (a Unicode tag letter, say) that a second pass reads differently (found by the idempotence fuzz).
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) builder.push("\ufffd", i, i + 1);
    else if (/\p{Mn}/u.test(char) && latinLetter.test(previous))
      counts.combiningMarks++; // "zalgo" marks on Latin letters
    else {
      const folded = char.normalize("NFKC");
      builder.push(folded, i, i + width);
      previous = folded.slice(-1) || previous;
    }
    i += width;
  }
  let view = foldHomoglyphs(builder.build(), counts);

  const despacedRaw = replaceInView(view, /(?<!\p{L})(?:\p{L}[ .\-_*·|]){2,}\p{L}(?!\p{L})/gu, (m) => {
    counts.spacedRuns++;
    return m[0].replace(/[ .\-_*·|]/g, "");
  });
  view = replaceInView(view, /[ \t]{2,}/g, () => " ");
  const despaced = counts.spacedRuns > 0 ? replaceInView(despacedRaw, /[ \t]{2,}/g, () => " ") : undefined;
  const deleet = deleetView(view, counts);

  const views: NormalizedText["views"] = [{ name: "normalized", view }];
  if (deleet) views.push({ name: "deleet", view: deleet });
  if (despaced) views.push({ name: "despaced", view: despaced });

  const decoded: DecodedSegment[] = [];
  for (const segment of decodeEmbedded(view.text)) {
    const span = originalSpan(view, segment.start, segment.end);
    decoded.push({ ...segment, ...span });
    // One level of nesting (base64 inside hex, rot13 inside base64) costs little and is common in attacks.
    for (const inner of decodeEmbedded(segment.text)) decoded.push({ ...inner, ...span, encoding: inner.encoding });
  }
  return { original, normalized: view, views, decoded, obfuscation: counts, normalizeMs: performance.now() - startedAt };
}

/**
 * Folds lookalike letters to Latin inside words that mix scripts, and inside all-lookalike words when
 * the text around them is Latin. Real Cyrillic or Greek prose is left alone, so its own signatures
 * still match.
 */
function foldHomoglyphs(view: TextView, counts: ObfuscationCounts): TextView {
  // Words mixing Latin letters with lookalikes first; then, in text that is mostly Latin once those are
  // read, the words made only of lookalikes. Measuring the Latin share after the first step keeps the
  // normaliser idempotent (a second pass would otherwise see a higher share and fold more).
  const mixed = foldWords(view.text, counts, (word) => latinLetter.test(word));
  const letters = mixed.match(/\p{L}/gu) ?? [];
  const latinShare = letters.length ? letters.filter((c) => latinLetter.test(c)).length / letters.length : 0;
  const text = latinShare > 0.6 ? foldWords(mixed, counts, () => true) : mixed;
  return { ...view, text };
}

/** Folds the lookalikes of every word made only of lookalikes and Latin letters that `eligible` accepts. */
function foldWords(text: string, counts: ObfuscationCounts, eligible: (word: string) => boolean): string {
  const chars = text.split("");
  for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = match[0];
    if (![...word].some((c) => confusableToLatin.has(c))) continue;
    const allConfusable = [...word].every((c) => confusableToLatin.has(c) || latinLetter.test(c));
    if (!allConfusable || !eligible(word)) continue;
    for (let k = 0; k < word.length; k++) {
      const mapped = confusableToLatin.get(word[k]);
      if (mapped) {
        chars[match.index + k] = mapped;
        counts.homoglyphs++;
      }
    }
  }
  return chars.join("");
}

const leetMap: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
  "+": "t",
};

/** Reads leetspeak words ("1gn0r3", "pr3v!ous") as letters; one character for one, so spans stay exact. */
function deleetView(view: TextView, counts: ObfuscationCounts): TextView | undefined {
  let changed = false;
  const text = view.text.replace(/[A-Za-z0-9@$!|+]{3,24}/g, (token) => {
    const letters = (token.match(/[A-Za-z]/g) ?? []).length;
    const leet = (token.match(/[013457@$!|+8]/g) ?? []).length;
    if (letters < 2 || leet === 0 || leet > letters + 2 || /^\d+$/.test(token)) return token;
    changed = true;
    counts.leetWords++;
    return token.replace(/[013457@$!|+8]/g, (c) => leetMap[c] ?? c);
  });
  return changed ? { ...view, text } : undefined;
}
