/**
 * Unicode script detection. Language identification leans on the script first: some scripts name
 * their language outright (Hangul, Thai, kana), others narrow the choice (Cyrillic, Arabic), and a
 * change of script inside a sentence is the strongest sign of a change of language.
 */

export const scriptNames = [
  "Latin",
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Khmer",
  "Ethiopic",
  "Mongolian",
  "Hangul",
  "Hiragana",
  "Katakana",
  "Han",
] as const;
export type ScriptName = (typeof scriptNames)[number];

// One regular expression per script, tried in the order above (Latin first: it is the most common).
const scriptPatterns = scriptNames.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const);
const letterOrMark = /^[\p{L}\p{M}]$/u;
const cache = new Map<number, ScriptName | null>();

/** The script of one code point, or null for punctuation, digits, emoji, spaces and unlisted scripts. */
export function scriptOf(codePoint: number): ScriptName | null {
  const known = cache.get(codePoint);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(codePoint);
  let found: ScriptName | null = null;
  // Script=Common/Inherited characters (digits, punctuation, combining marks) carry no language evidence.
  if (letterOrMark.test(char)) {
    for (const [name, pattern] of scriptPatterns) {
      if (pattern.test(char)) {
        found = name;
        break;
      }
    }
  }
  if (cache.size < 50_000) cache.set(codePoint, found);
  return found;
}

export interface ScriptProfile {
  /** Letters (and combining marks) per script. */
  counts: Partial<Record<ScriptName, number>>;
  /** Letters in any listed script. */
  letters: number;
  /** The script with the most letters, or null when the text has none (emoji, digits, punctuation). */
  dominant: ScriptName | null;
}

export function profileScripts(text: string): ScriptProfile {
  const counts: Partial<Record<ScriptName, number>> = {};
  let letters = 0;
  for (const char of text) {
    const script = scriptOf(char.codePointAt(0)!);
    if (!script) continue;
    counts[script] = (counts[script] ?? 0) + 1;
    letters++;
  }
  let dominant: ScriptName | null = null;
  for (const [script, count] of Object.entries(counts) as [ScriptName, number][]) {
    if (!dominant || count > counts[dominant]!) dominant = script;
  }
  return { counts, letters, dominant };
}

export const kanaCount = (profile: ScriptProfile) => (profile.counts.Hiragana ?? 0) + (profile.counts.Katakana ?? 0);

/** Scripts in order of letter count, with their share of the letters. */
export function scriptShares(profile: ScriptProfile): { script: ScriptName; characters: number; proportion: number }[] {
  return (Object.entries(profile.counts) as [ScriptName, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([script, characters]) => ({
      script,
      characters,
      proportion: profile.letters ? Math.round((characters / profile.letters) * 1000) / 1000 : 0,
    }));
}

/**
 * Writing systems rather than scripts: Japanese mixes Han and kana, Korean may mix Hangul and Han.
 * Two adjacent runs of the same system belong to one language, so segmentation splits on systems.
 */
export type WritingSystem = ScriptName | "Japanese" | "Korean";

export function writingSystemOf(script: ScriptName): WritingSystem {
  if (script === "Hiragana" || script === "Katakana") return "Japanese";
  if (script === "Hangul") return "Korean";
  return script;
}
