import type { ScriptProfile } from "./detect-scripts";
import type { Ranked } from "./combine-predictions";
import { languageName } from "./language-codes";
import { scriptPrior } from "./script-languages";

/**
 * When an answer should not be trusted, and why. The combined probability is the confidence; this
 * adds the cases a probability alone hides: no letters at all, too few letters to carry evidence,
 * and a close race between two related languages (Indonesian and Malay share most of their words).
 */

export type UnreliableReason = "no_letters" | "too_short" | "ambiguous" | "low_confidence" | "models_unavailable";

export interface Reliability {
  reliable: boolean;
  reason?: UnreliableReason;
  /** A sentence for people, saying what to do about it. */
  detail?: string;
}

/**
 * Below `confidence` (combined probability) an answer is not reliable; when the runner-up is a
 * closely related language the winner needs `relatedConfidence`. `confidence` was chosen by
 * scripts/choose-langid-cutoffs.ts on a validation set that is not reported: the train rows of the
 * multilingual everyday sentences in prompt_injection/benign_everyday.jsonl (28 languages, whole
 * sentences and first three words), as the widest coverage whose reliable answers are at least 98%
 * right (0.5: 81.9% marked reliable, 98.4% of them right; the earlier 0.6 gave 80.3% / 99.0%).
 * `relatedConfidence`, the letter minimums below and the 0.4 runner-up ratio that tells "ambiguous"
 * from "low confidence" are judgement, not fitted: they guard texts valid in two related languages,
 * which the validation data hardly has. The reported figures (README) come from
 * langid/sentences.jsonl, which nothing here is fitted to.
 */
export interface ReliabilityCutoffs {
  confidence: number;
  relatedConfidence: number;
}

export const RELIABILITY_CUTOFFS: ReliabilityCutoffs = { confidence: 0.5, relatedConfidence: 0.8 };

// Han characters carry a word or a syllable each; alphabetic letters carry much less.
const minLetters = { logographic: 3, alphabetic: 8 };
const shortTextLetters = { logographic: 8, alphabetic: 25 };

const relatedGroups = [
  ["id", "ms", "jv", "su", "min"],
  ["da", "no", "nb", "nn", "sv"],
  ["sr", "hr", "bs", "sh"],
  ["cs", "sk"],
  ["es", "gl", "pt", "ca", "ast"],
  ["ru", "uk", "be", "bg", "rue"],
  ["hi", "mr", "ne", "bh", "mai"],
  ["zh", "ja"],
  ["nl", "af", "fy", "li"],
  ["tr", "az"],
];
const related = (a: string, b: string) => relatedGroups.some((g) => g.includes(a) && g.includes(b));

export function assessReliability(
  profile: ScriptProfile,
  ranked: Ranked[],
  modelsAvailable: boolean,
  cutoffs: ReliabilityCutoffs = RELIABILITY_CUTOFFS,
): Reliability {
  if (profile.letters === 0) {
    return {
      reliable: false,
      reason: "no_letters",
      detail: "The text has no letters (only digits, punctuation, symbols or emoji), so it is in no language that can be identified.",
    };
  }
  const prior = scriptPrior(profile);
  if (prior.only) {
    return profile.letters >= 2
      ? { reliable: true }
      : { reliable: false, reason: "too_short", detail: "A single letter is too little to tell; give at least a word." };
  }
  if (!modelsAvailable) {
    return { reliable: false, reason: "models_unavailable", detail: "No language identification model could be loaded on this instance." };
  }
  const kind = profile.dominant === "Han" ? "logographic" : "alphabetic";
  const [top, second] = ranked;
  if (profile.letters < minLetters[kind] || !top) {
    return {
      reliable: false,
      reason: "too_short",
      detail: `The text has ${profile.letters} letter${profile.letters === 1 ? "" : "s"}; language identification needs a few words (at least ${minLetters[kind]} letters) to be reliable.`,
    };
  }
  const isRelatedRace = second !== undefined && related(top.language, second.language);
  const needed = isRelatedRace ? cutoffs.relatedConfidence : cutoffs.confidence;
  if (top.probability >= needed) return { reliable: true };
  if (second && second.probability >= top.probability * 0.4) {
    const pair = `${languageName(top.language) ?? top.language} or ${languageName(second.language) ?? second.language}`;
    return {
      reliable: false,
      reason: "ambiguous",
      detail: `The text reads as ${pair}${isRelatedRace ? ", two closely related languages," : ""} and the models cannot tell which${profile.letters < shortTextLetters[kind] ? " from so short a text; add a sentence or two" : ""}.`,
    };
  }
  if (profile.letters < shortTextLetters[kind]) {
    return {
      reliable: false,
      reason: "too_short",
      detail: "The text is too short for a confident answer; a sentence or more gives a reliable one.",
    };
  }
  return {
    reliable: false,
    reason: "low_confidence",
    detail: "The models are not confident about this text; it may mix languages, be in a language they do not know, or be mostly names and numbers.",
  };
}
