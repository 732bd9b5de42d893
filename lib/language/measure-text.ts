import { profileScripts, scriptShares, type ScriptName } from "./detect-scripts";
import { UNDETERMINED } from "./language-codes";
import { segmentChunked } from "./segment-chunked";

/**
 * Language-aware tokenisation statistics. Words come from Intl.Segmenter with the segment's own
 * language as locale: ICU segments Thai, Lao, Khmer, Burmese, Chinese and Japanese with its
 * dictionaries, where splitting on spaces would count a whole Thai sentence as one word.
 */

export interface TextStatistics {
  /** User-perceived characters (grapheme clusters: an emoji with modifiers counts once). */
  characters: number;
  codePoints: number;
  /** Letters and combining marks in a known script. */
  letters: number;
  words: number;
  sentences: number;
  lines: number;
  /** Mean word length in characters (graphemes). */
  averageWordLength: number;
  scripts: { script: ScriptName; characters: number; proportion: number }[];
  /** Words and characters per identified language, largest first. */
  byLanguage: { language: string; words: number; characters: number }[];
}

export interface LanguageRange {
  start: number;
  end: number;
  language: string;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const sentences = new Intl.Segmenter(undefined, { granularity: "sentence" });
const wordSegmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(language: string): Intl.Segmenter {
  let segmenter = wordSegmenters.get(language);
  if (!segmenter) {
    let locale: string | undefined;
    try {
      locale = language === UNDETERMINED ? undefined : Intl.getCanonicalLocales(language)[0];
    } catch {
      locale = undefined;
    }
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    wordSegmenters.set(language, segmenter);
  }
  return segmenter;
}

const countGraphemes = (text: string) => {
  let count = 0;
  for (const _ of segmentChunked(graphemes, text)) count++;
  return count;
};

// biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of combining marks and joiners on purpose
const clusterMarks = /[\p{M}\u200d\ufe0f\u{1f3fb}-\u{1f3ff}]/u;
const codePointLength = (text: string) => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/** Statistics of a text; `ranges` (identified segments) choose the word-segmentation locale per part. */
export function measureText(text: string, ranges: LanguageRange[] = []): TextStatistics {
  const covering = ranges.length ? ranges : [{ start: 0, end: text.length, language: UNDETERMINED }];
  const perLanguage = new Map<string, { words: number; characters: number }>();
  let words = 0;
  let wordCharacters = 0;
  for (const range of covering) {
    const slice = text.slice(range.start, range.end);
    let rangeWords = 0;
    for (const segment of segmentChunked(wordSegmenter(range.language), slice)) {
      if (!segment.isWordLike) continue;
      rangeWords++;
      // Most words have one grapheme per code point; only marks and joiners need the segmenter.
      wordCharacters += clusterMarks.test(segment.segment) ? countGraphemes(segment.segment) : codePointLength(segment.segment);
    }
    words += rangeWords;
    const entry = perLanguage.get(range.language) ?? { words: 0, characters: 0 };
    entry.words += rangeWords;
    entry.characters += countGraphemes(slice);
    perLanguage.set(range.language, entry);
  }
  let sentenceCount = 0;
  for (const sentence of segmentChunked(sentences, text)) if (/[\p{L}\p{N}]/u.test(sentence.segment)) sentenceCount++;
  const profile = profileScripts(text);
  return {
    characters: countGraphemes(text),
    codePoints: [...text].length,
    letters: profile.letters,
    words,
    sentences: sentenceCount,
    lines: text.split("\n").filter((line) => line.trim()).length,
    averageWordLength: words ? Math.round((wordCharacters / words) * 100) / 100 : 0,
    scripts: scriptShares(profile),
    byLanguage: [...perLanguage].map(([language, counts]) => ({ language, ...counts })).sort((a, b) => b.characters - a.characters),
  };
}
