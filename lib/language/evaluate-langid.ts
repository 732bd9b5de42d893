import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { identifyWithModels } from "./identify-language";
import type { LanguageModels } from "./load-language-models";
import { median } from "../stats";

/**
 * Accuracy of language identification on the public langid sentences (../shared/eval/langid),
 * per language, on whole sentences and on their first three words, for CLD3 alone, fastText alone
 * and the ensemble. Shared by scripts/bench-langid.ts and the eval-data test so both measure the
 * same thing. The sentences are the test set: nothing in lib/language is derived from them.
 */

export interface LangidRow {
  text: string;
  lang: string;
}

export const methods = ["cld3", "fasttext", "ensemble", "ensembleNoScriptPriors"] as const;
export type Method = (typeof methods)[number];
export const variants = ["sentence", "threeWords"] as const;
export type Variant = (typeof variants)[number];

// Languages written without spaces between words: their "words" come from ICU's dictionary-based
// word segmentation (Intl.Segmenter), the same segmentation the tokenisation statistics use.
const unspacedLanguages = new Set(["zh", "ja", "th", "lo", "km", "my"]);

export function readLangidSentences(evalDataDir: string): LangidRow[] {
  const file = path.join(evalDataDir, "langid", "sentences.jsonl");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as LangidRow;
      return { text: row.text, lang: row.lang };
    });
}

/** The first three words: split on whitespace, or by Intl.Segmenter words for zh, ja, th (and lo, km, my). */
export function firstThreeWords(text: string, language: string): string {
  if (!unspacedLanguages.has(language)) return text.split(/\s+/).filter(Boolean).slice(0, 3).join(" ");
  const words = [...new Intl.Segmenter(language, { granularity: "word" }).segment(text)].filter((s) => s.isWordLike).slice(0, 3);
  const last = words.at(-1);
  return last ? text.slice(0, last.index + last.segment.length) : text;
}

export interface Outcome {
  language: string;
  variant: Variant;
  method: Method;
  predicted: string;
  latencyMs: number;
  /** Ensemble only: its own reliability verdict and confidence. */
  reliable?: boolean;
  confidence?: number;
}

export function evaluateLangid(models: LanguageModels, rows: LangidRow[]): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    for (const variant of variants) {
      const text = variant === "sentence" ? row.text : firstThreeWords(row.text, row.lang);
      const timed = <T>(run: () => T): [T, number] => {
        const startedAt = performance.now();
        const result = run();
        return [result, performance.now() - startedAt];
      };
      const base = { language: row.lang, variant };
      if (models.cld3) {
        const [vote, latencyMs] = timed(() => models.cld3!.predict(text));
        outcomes.push({ ...base, method: "cld3", predicted: vote?.language ?? "und", latencyMs });
      }
      if (models.fastText) {
        const [votes, latencyMs] = timed(() => models.fastText!.predict(text, 1));
        outcomes.push({ ...base, method: "fasttext", predicted: votes[0]?.language ?? "und", latencyMs });
      }
      const [ensemble, ensembleMs] = timed(() => identifyWithModels(models, text));
      outcomes.push({
        ...base,
        method: "ensemble",
        predicted: ensemble.language,
        latencyMs: ensembleMs,
        reliable: ensemble.reliable,
        confidence: ensemble.confidence,
      });
      const [ablation, ablationMs] = timed(() => identifyWithModels(models, text, { scriptPriors: false }));
      outcomes.push({ ...base, method: "ensembleNoScriptPriors", predicted: ablation.language, latencyMs: ablationMs });
    }
  }
  return outcomes;
}

export interface AccuracySummary {
  /** accuracy[language][variant][method] as a fraction 0..1 */
  perLanguage: Record<string, Record<Variant, Partial<Record<Method, number>>>>;
  overall: Record<Variant, Partial<Record<Method, number>>>;
  /** How many languages reach the target (sentences >= 95%, three words >= 90%). */
  languagesAtTarget: Record<Variant, Partial<Record<Method, number>>>;
  medianLatencyMs: Record<Variant, Partial<Record<Method, number>>>;
  /** Ensemble answers flagged reliable: their share and their accuracy. */
  reliable: Record<Variant, { coverage: number; accuracy: number; unreliableAccuracy: number }>;
  /** Ensemble confidence in bins of 0.1 vs the accuracy observed in each bin. */
  calibration: { from: number; to: number; count: number; accuracy: number; meanConfidence: number }[];
  expectedCalibrationError: number;
}

export const targets: Record<Variant, number> = { sentence: 0.95, threeWords: 0.9 };

export function summarize(outcomes: Outcome[]): AccuracySummary {
  const languages = [...new Set(outcomes.map((o) => o.language))].sort();
  const share = (list: Outcome[]) => (list.length ? list.filter((o) => o.predicted === o.language).length / list.length : 0);
  const summary: AccuracySummary = {
    perLanguage: {},
    overall: { sentence: {}, threeWords: {} },
    languagesAtTarget: { sentence: {}, threeWords: {} },
    medianLatencyMs: { sentence: {}, threeWords: {} },
    reliable: {} as AccuracySummary["reliable"],
    calibration: [],
    expectedCalibrationError: 0,
  };
  for (const variant of variants) {
    for (const method of methods) {
      const list = outcomes.filter((o) => o.variant === variant && o.method === method);
      if (!list.length) continue;
      summary.overall[variant][method] = share(list);
      summary.medianLatencyMs[variant][method] = median(list.map((o) => o.latencyMs));
      let atTarget = 0;
      for (const language of languages) {
        const accuracy = share(list.filter((o) => o.language === language));
        (summary.perLanguage[language] ??= { sentence: {}, threeWords: {} })[variant][method] = accuracy;
        if (accuracy >= targets[variant]) atTarget++;
      }
      summary.languagesAtTarget[variant][method] = atTarget;
    }
    const ensemble = outcomes.filter((o) => o.variant === variant && o.method === "ensemble");
    const reliable = ensemble.filter((o) => o.reliable);
    summary.reliable[variant] = {
      coverage: ensemble.length ? reliable.length / ensemble.length : 0,
      accuracy: share(reliable),
      unreliableAccuracy: share(ensemble.filter((o) => !o.reliable)),
    };
  }
  const scored = outcomes.filter((o) => o.method === "ensemble");
  for (let bin = 0; bin < 10; bin++) {
    const inBin = scored.filter((o) => Math.min(9, Math.floor((o.confidence ?? 0) * 10)) === bin);
    if (!inBin.length) continue;
    const accuracy = share(inBin);
    const meanConfidence = inBin.reduce((s, o) => s + (o.confidence ?? 0), 0) / inBin.length;
    summary.calibration.push({ from: bin / 10, to: (bin + 1) / 10, count: inBin.length, accuracy, meanConfidence });
    summary.expectedCalibrationError += (inBin.length / scored.length) * Math.abs(accuracy - meanConfidence);
  }
  return summary;
}
