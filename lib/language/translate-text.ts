import "server-only";
import { languageName } from "./language-codes";

/**
 * Translation of analysed text into a target language. No neural translation model can be had on
 * this instance, so the answer says so instead of pretending. A later issue connects a configured
 * language model by returning a provider from `configuredTranslationProvider` (e.g. one built on the
 * AI SDK from an environment variable); callers and the API shape stay as they are.
 */

export interface TranslationRequest {
  text: string;
  /** Detected source language, or "und". */
  sourceLanguage: string;
  targetLanguage: string;
}

export type Translation =
  | { available: true; sourceLanguage: string; targetLanguage: string; text: string; model: string }
  | { available: false; sourceLanguage: string; targetLanguage: string; reason: string };

export interface TranslationProvider {
  /** Model id reported with every translation, e.g. "openai:gpt-4.1-mini". */
  model: string;
  translate(request: TranslationRequest): Promise<string>;
}

/** The provider configured on this instance; none is (see the module comment). */
export function configuredTranslationProvider(): TranslationProvider | undefined {
  return undefined;
}

export async function translateText(request: TranslationRequest): Promise<Translation> {
  const { sourceLanguage, targetLanguage } = request;
  const provider = configuredTranslationProvider();
  if (!provider) {
    const target = languageName(targetLanguage) ?? targetLanguage;
    return {
      available: false,
      sourceLanguage,
      targetLanguage,
      reason:
        `no translation model is configured on this instance; translating into ${target} needs a language model, ` +
        "and no neural translation model can be obtained here. Language identification and statistics are still returned.",
    };
  }
  if (sourceLanguage === targetLanguage) {
    return { available: true, sourceLanguage, targetLanguage, text: request.text, model: provider.model };
  }
  return { available: true, sourceLanguage, targetLanguage, text: await provider.translate(request), model: provider.model };
}
