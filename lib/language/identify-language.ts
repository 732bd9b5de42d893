import "server-only";
import { assessReliability, type ReliabilityCutoffs, type UnreliableReason } from "./assess-reliability";
import { combinePredictions, type Vote } from "./combine-predictions";
import { profileScripts, type ScriptName } from "./detect-scripts";
import { languageName, UNDETERMINED } from "./language-codes";
import { loadLanguageModels, type LanguageModels } from "./load-language-models";
import { repairHomoglyphs } from "./repair-homoglyphs";
import { round } from "../stats";

export interface LanguageCandidate {
  language: string;
  name: string | null;
  probability: number;
}

export interface LanguageIdentification {
  /** ISO 639-1 code ("de"); ISO 639-3 for languages without one ("ceb"); "und" when unknown. */
  language: string;
  /** English name of the language ("German"), null when undetermined. */
  name: string | null;
  /** The script most of the letters are in, null when there are none. */
  script: ScriptName | null;
  /** Combined probability of `language`, 0..1. */
  confidence: number;
  reliable: boolean;
  /** Why the answer is not reliable (absent when it is). */
  reason?: UnreliableReason;
  detail?: string;
  /** The best few languages with their combined probabilities. */
  candidates: LanguageCandidate[];
  /** What each model said on its own (null: it gave no answer or is unavailable). */
  votes: { cld3: Vote | null; fasttext: Vote | null };
}

export interface IdentifyOptions {
  /** Which models to consult; both by default (the benchmark measures each alone). */
  use?: { cld3?: boolean; fastText?: boolean };
  /** Off only for the benchmark's ablation. */
  scriptPriors?: boolean;
  /** Only for choosing the cut-offs (scripts/choose-langid-cutoffs.ts). */
  reliability?: ReliabilityCutoffs;
}

// Control characters carry no language and a NUL would cut CLD3's C string short.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * The language of a text: an ensemble of CLD3 and fastText lid.176 with script priors.
 *
 *   const { language, confidence, reliable } = await identifyLanguage("Guten Morgen, wie geht es dir?");
 *   // language "de", reliable true
 *
 * Never throws for any string: text without letters, very short text or missing models give
 * `language: "und"` or `reliable: false` with a `reason` and a `detail` sentence. For text that
 * may mix languages use `identifySegments`.
 */
export async function identifyLanguage(text: string, options: IdentifyOptions = {}): Promise<LanguageIdentification> {
  return identifyWithModels(await loadLanguageModels(), text, options);
}

/** The synchronous core, for callers that identify many texts with models already loaded. */
export function identifyWithModels(models: LanguageModels, rawText: string, options: IdentifyOptions = {}): LanguageIdentification {
  const text = repairHomoglyphs(rawText.replace(controlCharacters, " "));
  const profile = profileScripts(text);
  const useCld3 = (options.use?.cld3 ?? true) && models.cld3 !== null;
  const useFastText = (options.use?.fastText ?? true) && models.fastText !== null;
  const hasLetters = profile.letters > 0;
  const cld3 = useCld3 && hasLetters ? models.cld3!.predict(text) : null;
  const fastText = useFastText && hasLetters ? models.fastText!.predict(text) : [];

  const ranked = combinePredictions({
    text,
    profile,
    cld3: useCld3 ? cld3 && { language: cld3.language, probability: cld3.probability } : undefined,
    fastText: useFastText ? fastText : undefined,
    scriptPriors: options.scriptPriors,
  });
  const reliability = assessReliability(profile, ranked, useCld3 || useFastText, options.reliability);
  const top = ranked[0];
  const language = top?.language ?? UNDETERMINED;
  return {
    language,
    name: languageName(language),
    script: profile.dominant,
    confidence: round(top?.probability ?? 0, 4),
    ...reliability,
    candidates: ranked.slice(0, 3).map((c) => ({ language: c.language, name: languageName(c.language), probability: round(c.probability, 4) })),
    votes: {
      cld3: cld3 ? { language: cld3.language, probability: round(cld3.probability, 4) } : null,
      fasttext: fastText[0] ? { language: fastText[0].language, probability: round(fastText[0].probability, 4) } : null,
    },
  };
}
