import { z } from "zod";
import { isIso6391Code } from "./language-codes";
import { scriptNames } from "./detect-scripts";

/**
 * The request and response of POST /api/v1/analyze/multilingual. The route parses with the request
 * schema and answers through the response schema (unknown fields are stripped), and the same
 * schemas can feed the OpenAPI document.
 */

/** Longest `content` accepted, in UTF-16 code units (JavaScript string length); longer is 413. */
export const MAX_CONTENT_CHARACTERS = 100_000;

// 100k characters of JSON-escaped text (\uXXXX is 6 bytes) fit in 1 MiB; MAX_BODY_BYTES may lower it.
export const MULTILINGUAL_BODY_LIMIT_BYTES = 1024 * 1024;

export const multilingualRequestSchema = z.strictObject({
  content: z.string().describe(`Text to analyse, up to ${MAX_CONTENT_CHARACTERS} characters; any languages, mixed.`),
  target_language: z
    .string()
    .refine(isIso6391Code, 'must be a two-letter ISO 639-1 language code such as "de"')
    .nullish()
    .transform((v) => v ?? undefined)
    .describe("Translate into this language (ISO 639-1). Answered with available:false: no translation model is configured."),
  detect_language: z.boolean().default(true).describe("Identify the language of the text and its segments (default true)."),
});
export type MultilingualRequest = z.output<typeof multilingualRequestSchema>;

export const unreliableReasonSchema = z.enum(["no_letters", "too_short", "ambiguous", "low_confidence", "models_unavailable"]);

const languageCode = z.string().describe('ISO 639-1 ("de"), ISO 639-3 where a language has no two-letter code, "und" when unknown');

const identificationFields = {
  language: languageCode,
  name: z.string().nullable().describe("English name of the language"),
  script: z.enum(scriptNames).nullable().describe("Unicode script most letters are in; null when there are no letters"),
  confidence: z.number().min(0).max(1).describe("Combined probability of `language` from the ensemble"),
  reliable: z.boolean(),
  reason: unreliableReasonSchema.optional().describe("Why the answer is not reliable; absent when it is"),
  detail: z.string().optional().describe("The reason in a sentence, with what to do about it"),
};

const voteSchema = z.object({ language: languageCode, probability: z.number() });

export const languageResultSchema = z.object({
  ...identificationFields,
  candidates: z.array(z.object({ language: languageCode, name: z.string().nullable(), probability: z.number() })),
  votes: z.object({ cld3: voteSchema.nullable(), fasttext: voteSchema.nullable() }),
});

export const segmentSchema = z.object({
  start: z.number().int().describe("Start offset in the (sanitised) content, UTF-16 code units"),
  end: z.number().int(),
  text: z.string(),
  ...identificationFields,
});

export const statisticsSchema = z.object({
  characters: z.number().int().describe("Grapheme clusters"),
  code_points: z.number().int(),
  letters: z.number().int(),
  words: z.number().int().describe("Words by Intl.Segmenter in each segment's language (dictionary-based for zh, ja, th)"),
  sentences: z.number().int(),
  lines: z.number().int(),
  average_word_length: z.number().describe("Mean word length in characters"),
  scripts: z.array(z.object({ script: z.enum(scriptNames), characters: z.number().int(), proportion: z.number() })),
  by_language: z.array(z.object({ language: languageCode, words: z.number().int(), characters: z.number().int() })),
});

export const translationSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    source_language: languageCode,
    target_language: z.string(),
    text: z.string(),
    model: z.string(),
  }),
  z.object({ available: z.literal(false), source_language: languageCode, target_language: z.string(), reason: z.string() }),
]);

export const modelStatusSchema = z.object({
  id: z.string(),
  version: z.string().nullable(),
  runtime: z.string().nullable(),
  available: z.boolean(),
  reason: z.string().optional(),
});

export const multilingualResponseSchema = z.object({
  language: languageResultSchema.nullable().describe("Language of the whole text; null when detect_language is false"),
  segments: z.array(segmentSchema),
  languages: z.array(z.object({ language: languageCode, name: z.string().nullable(), proportion: z.number() })),
  statistics: statisticsSchema,
  translation: translationSchema.optional(),
  content: z.object({
    characters: z.number().int(),
    removed_characters: z.number().int().describe("Control, bidi-override and BOM characters removed before analysis"),
  }),
  models: z.array(modelStatusSchema),
  processing_time_ms: z.number(),
});
export type MultilingualResponse = z.infer<typeof multilingualResponseSchema>;
