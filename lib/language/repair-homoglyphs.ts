import { latinToLookalike } from "../safety/normalize/confusables";

/**
 * Latin letters that look like Cyrillic or Greek ones, typed (or planted) inside Cyrillic or Greek
 * words: "Твiй" with a Latin i, "ΑΘΗΝA" with a Latin A. Models see such words as foreign n-grams
 * and drift towards the wrong language (Ukrainian "Твiй" read as Russian). The look-alike pairs are
 * those of Unicode's confusables data (UTS #39); a word is repaired only when it already holds
 * letters of the other script, or is made only of look-alikes between two words of that script.
 * Used for identification only: the text shown back to the caller is never changed.
 */

const targets = [
  { script: /\p{Script=Cyrillic}/u, map: latinToLookalike("Cyrillic") },
  { script: /\p{Script=Greek}/u, map: latinToLookalike("Greek") },
];
const latinLetter = /\p{Script=Latin}/u;
const wordPattern = /[\p{L}\p{M}]+/gu;

export function repairHomoglyphs(text: string): string {
  // Fast path: nothing to repair unless Latin letters share the text with Cyrillic or Greek ones.
  if (!latinLetter.test(text) || !targets.some((t) => t.script.test(text))) return text;
  const words = [...text.matchAll(wordPattern)].map((m) => ({ start: m.index, word: m[0] }));
  let result = "";
  let cursor = 0;
  words.forEach(({ start, word }, i) => {
    const repaired = repairWord(word, words[i - 1]?.word, words[i + 1]?.word);
    if (repaired !== word) {
      result += text.slice(cursor, start) + repaired;
      cursor = start + word.length;
    }
  });
  return cursor === 0 ? text : result + text.slice(cursor);
}

function repairWord(word: string, previous: string | undefined, next: string | undefined): string {
  if (!latinLetter.test(word)) return word;
  for (const { script, map } of targets) {
    const latin = [...word].filter((c) => latinLetter.test(c));
    if (!latin.every((c) => c in map)) continue;
    const mixed = script.test(word);
    // A lone look-alike word ("i", "a", "o" are words in Ukrainian and Russian) between two words
    // of the target script; at the text's edge one such neighbour is enough.
    const neighbours = [previous, next].filter((w): w is string => w !== undefined);
    const surrounded = neighbours.length > 0 && neighbours.every((w) => script.test(w) && !latinLetter.test(w));
    if (mixed || surrounded) return [...word].map((c) => (latinLetter.test(c) ? map[c] : c)).join("");
  }
  return word;
}
