import { scriptOf, writingSystemOf, type WritingSystem } from "./detect-scripts";
import { segmentChunked } from "./segment-chunked";

/**
 * Cuts a text into the pieces whose language is identified one by one: lines, then sentences
 * (Intl.Segmenter), then runs of one writing system inside a sentence ("東京 is big" -> 東京 | is big).
 * A run too small to identify on its own (a brand name, a number) stays with its neighbour.
 * Offsets are UTF-16 code-unit indices into `text`, as JavaScript's `slice` uses them.
 */

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

// A run of another writing system becomes its own segment only when it carries enough evidence.
const MIN_RUN_LETTERS_LOGOGRAPHIC = 4;
const MIN_RUN_LETTERS_ALPHABETIC = 10;
const MIN_RUN_WORDS_ALPHABETIC = 2;

const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

export function splitSegments(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    for (const sentence of segmentChunked(sentenceSegmenter, line[0])) {
      const start = line.index + sentence.index;
      for (const run of splitScriptRuns(text, start, start + sentence.segment.length)) {
        const trimmed = trimSpan(text, run.start, run.end);
        if (trimmed) spans.push(trimmed);
      }
    }
  }
  return spans;
}

interface Run {
  start: number;
  end: number;
  system: WritingSystem | null;
  letters: number;
  words: number;
}

function splitScriptRuns(text: string, from: number, to: number): { start: number; end: number }[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let inWord = false;
  for (let i = from; i < to; ) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const script = scriptOf(codePoint);
    const system = script ? writingSystemOf(script) : null;
    if (system && current && current.system !== null && !sameSystem(current.system, system)) {
      current.end = i;
      current = undefined;
    }
    if (!current) {
      current = { start: i, end: to, system, letters: 0, words: 0 };
      runs.push(current);
    }
    if (system) {
      if (current.system === null || current.system === "Han") current.system = system;
      current.letters++;
      if (!inWord) current.words++;
    }
    inWord = system !== null;
    i += width;
  }
  return mergeSmallRuns(runs);
}

// Han belongs with kana (Japanese) and with Hangul (Korean): those runs are one language.
function sameSystem(a: WritingSystem, b: WritingSystem): boolean {
  if (a === b) return true;
  const cjk = (s: WritingSystem) => s === "Han" || s === "Japanese" || s === "Korean";
  return cjk(a) && cjk(b) && (a === "Han" || b === "Han");
}

function standsAlone(run: Run): boolean {
  const logographic = run.system === "Han" || run.system === "Japanese";
  if (logographic) return run.letters >= MIN_RUN_LETTERS_LOGOGRAPHIC;
  return run.letters >= MIN_RUN_LETTERS_ALPHABETIC && run.words >= MIN_RUN_WORDS_ALPHABETIC;
}

function mergeSmallRuns(runs: Run[]): { start: number; end: number }[] {
  const kept: Run[] = [];
  for (const run of runs) {
    const previous = kept.at(-1);
    if (previous && (!standsAlone(run) || !standsAlone(previous) || previous.system === run.system)) {
      previous.end = run.end;
      previous.letters += run.letters;
      previous.words += run.words;
      if (standsAlone(run) && !standsAlone(previous)) previous.system = run.system;
    } else kept.push({ ...run });
  }
  return kept.map(({ start, end }) => ({ start, end }));
}

function trimSpan(text: string, start: number, end: number): TextSpan | null {
  const slice = text.slice(start, end);
  const leading = slice.length - slice.trimStart().length;
  const body = slice.trim();
  if (!body) return null;
  return { start: start + leading, end: start + leading + body.length, text: body };
}
