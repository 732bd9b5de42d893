import "server-only";
import { InvalidArgumentError } from "../domain-errors";
import { identifySegmentsWithModels, type LanguageSegment } from "./identify-segments";
import { identifyWithModels, type LanguageIdentification } from "./identify-language";
import { languageName, UNDETERMINED } from "./language-codes";
import { loadLanguageModels } from "./load-language-models";
import { measureText } from "./measure-text";
import { sanitizeText } from "./sanitize-text";
import type { MultilingualRequest, MultilingualResponse } from "./schemas";
import { translateText } from "./translate-text";

/**
 * The multilingual analysis behind POST /api/v1/analyze/multilingual: the language of the whole
 * text and of each segment, tokenisation statistics, and translation when asked for (reported as
 * unavailable: no translation model is configured).
 */
export async function analyzeMultilingual(input: MultilingualRequest): Promise<MultilingualResponse> {
  const startedAt = performance.now();
  const { text, removedCharacters } = sanitizeText(input.content);
  if (!text.trim()) {
    throw new InvalidArgumentError("content is empty or only whitespace and control characters; send some text.", {
      field: "content",
      message: "must contain text",
    });
  }
  const models = await loadLanguageModels();
  let language: LanguageIdentification | null = null;
  let segments: LanguageSegment[] = [];
  if (input.detect_language) {
    language = identifyWithModels(models, text);
    segments = identifySegmentsWithModels(models, text);
  }
  const statistics = measureText(text, segments);
  const translation = input.target_language
    ? await translateText({ text, sourceLanguage: language?.language ?? UNDETERMINED, targetLanguage: input.target_language })
    : undefined;

  return {
    language,
    segments,
    languages: languageShares(segments),
    statistics: {
      characters: statistics.characters,
      code_points: statistics.codePoints,
      letters: statistics.letters,
      words: statistics.words,
      sentences: statistics.sentences,
      lines: statistics.lines,
      average_word_length: statistics.averageWordLength,
      scripts: statistics.scripts,
      by_language: statistics.byLanguage,
    },
    translation: translation && {
      ...(translation.available
        ? { available: true as const, text: translation.text, model: translation.model }
        : { available: false as const, reason: translation.reason }),
      source_language: translation.sourceLanguage,
      target_language: translation.targetLanguage,
    },
    content: { characters: statistics.characters, removed_characters: removedCharacters },
    models: input.detect_language ? models.status : [],
    processing_time_ms: Math.round((performance.now() - startedAt) * 100) / 100,
  };
}

/** Each language's share of the segmented text, by length. */
function languageShares(segments: LanguageSegment[]): MultilingualResponse["languages"] {
  const lengths = new Map<string, number>();
  for (const segment of segments) lengths.set(segment.language, (lengths.get(segment.language) ?? 0) + segment.end - segment.start);
  const total = [...lengths.values()].reduce((sum, n) => sum + n, 0);
  return [...lengths]
    .sort((a, b) => b[1] - a[1])
    .map(([code, length]) => ({ language: code, name: languageName(code), proportion: Math.round((length / total) * 1000) / 1000 }));
}
