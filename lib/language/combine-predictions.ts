import type { ScriptProfile } from "./detect-scripts";
import { hanVariantEvidence } from "./han-character-sets";
import { scriptPrior, type ScriptPrior } from "./script-languages";

/**
 * The ensemble: a weighted average of the two models' probabilities (a linear opinion pool),
 * restricted to the languages the text's script allows and renormalised over them.
 *
 * Why linear and why 0.7/0.3: CLD3 reports only its top language and is over-confident on short
 * text (three words may come back as Hawaiian at 0.99), so multiplying probabilities (a log pool)
 * lets one confident slip veto the other model; averaging does not. fastText is the stronger model
 * on short text and sees 176 languages, so it gets the larger weight. The weight was chosen on a
 * separate development set (the non-English rows of prompt_injection/eval.jsonl and their first
 * three words), where 0.6-0.8 scored alike, never on the langid test sentences.
 */

export const ENSEMBLE_WEIGHTS = { fastText: 0.7, cld3: 0.3 } as const;

/** Each simplified-only (or Japanese-only) Han character multiplies the other language by this. */
const HAN_VARIANT_FACTOR = 0.05;

export interface Vote {
  language: string;
  probability: number;
}

export interface EnsembleInput {
  text: string;
  profile: ScriptProfile;
  /** CLD3's single answer; null when it had none; undefined when CLD3 is not used. */
  cld3?: Vote | null;
  /** fastText's ranked answers; undefined when fastText is not used. */
  fastText?: Vote[];
  /** Off only to measure what the script priors add (benchmark ablation). */
  scriptPriors?: boolean;
}

const noPrior: ScriptPrior = { allows: null, only: null, fallback: null };

export interface Ranked {
  language: string;
  probability: number;
}

/** Languages ranked by combined probability (at most `limit`); empty when nothing can be said. */
export function combinePredictions(input: EnsembleInput, limit = 5): Ranked[] {
  const { profile } = input;
  if (profile.letters === 0) return [];
  const prior = input.scriptPriors === false ? noPrior : scriptPrior(profile);
  // A script that names its language needs no model (and is right where models slip).
  if (prior.only) return [{ language: prior.only, probability: 1 }];

  const useFastText = input.fastText !== undefined;
  const useCld3 = input.cld3 !== undefined;
  const fastTextWeight = useFastText ? (useCld3 ? ENSEMBLE_WEIGHTS.fastText : 1) : 0;
  const cld3Weight = useCld3 ? (useFastText ? ENSEMBLE_WEIGHTS.cld3 : 1) : 0;

  const scores = new Map<string, number>();
  const add = (language: string, mass: number) => scores.set(language, (scores.get(language) ?? 0) + mass);
  // Probability mass a model gave to languages outside its top list stays in the denominator, so a
  // model that was unsure keeps the combined answer unsure.
  let unassigned = 0;
  if (useFastText) {
    let listed = 0;
    for (const vote of input.fastText!) {
      add(vote.language, fastTextWeight * vote.probability);
      listed += vote.probability;
    }
    unassigned += fastTextWeight * Math.max(0, 1 - listed);
  }
  if (useCld3) {
    if (input.cld3) {
      add(input.cld3.language, cld3Weight * input.cld3.probability);
      unassigned += cld3Weight * (1 - input.cld3.probability);
    } else unassigned += cld3Weight;
  }

  if (prior.allows) {
    for (const language of [...scores.keys()]) if (!prior.allows(language)) scores.delete(language);
  }
  if (input.scriptPriors !== false) applyHanVariantEvidence(input.text, profile, scores);

  const total = [...scores.values()].reduce((sum, s) => sum + s, 0);
  if (total <= 0) {
    // Both models named only languages the script rules out: the script's main language, unsure.
    return prior.fallback ? [{ language: prior.fallback, probability: 0.3 }] : [];
  }
  const denominator = total + unassigned;
  return [...scores]
    .map(([language, score]) => ({ language, probability: score / denominator }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, limit);
}

function applyHanVariantEvidence(text: string, profile: ScriptProfile, scores: Map<string, number>) {
  if (profile.dominant !== "Han" || !(scores.has("zh") || scores.has("ja"))) return;
  const { simplifiedOnly, japaneseOnly } = hanVariantEvidence(text);
  if (scores.has("ja") && simplifiedOnly > 0) scores.set("ja", scores.get("ja")! * HAN_VARIANT_FACTOR ** simplifiedOnly);
  if (scores.has("zh") && japaneseOnly > 0) scores.set("zh", scores.get("zh")! * HAN_VARIANT_FACTOR ** japaneseOnly);
}
