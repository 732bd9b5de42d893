import { documentFieldsSchema, documentResponseSchema } from "../analyze/document/schemas";
import { imageTextRequestSchema, imageTextResponseSchema } from "../analyze/image-text/schema";
import { compareRequestSchema, compareResponseSchema } from "../inference/measurement/result-schema";
import { getEnv } from "../env";
import { defineOperation } from "../http/operation";
import { snakeCaseSchema } from "../http/snake-case";
import { MULTILINGUAL_BODY_LIMIT_BYTES, multilingualRequestSchema, multilingualResponseSchema } from "../language/schemas";

/** The analysis operations: images with text, document pages, multilingual text, variants side by side. */

// A 1x1 PNG is too small to analyse (16 px minimum); examples carry a shortened placeholder instead.
const EXAMPLE_IMAGE = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ…";

export const analyzeImageText = defineOperation({
  operationId: "analyzeImageText",
  method: "POST",
  path: "/api/v1/analyze/image-text",
  tag: "Analyze",
  summary: "Labels, objects, text, facts and safety of an image, and which words of a caption it supports",
  description:
    "ImageNet top-k labels, COCO objects with boxes in original pixels, OCR text, image facts (colours, brightness, sharpness), the relation of `text` to the image term by term, a safety verdict and per-stage timings. Send JSON with `image` as base64 or a data URL, or multipart with an `image` file part.",
  auth: "key",
  scope: "analyze",
  body: {
    schema: imageTextRequestSchema,
    files: { image: { description: "The image (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF, BMP)", required: true } },
    example: { image: EXAMPLE_IMAGE, text: "Two dogs on a sofa", top_k: 5 },
  },
  responses: { 200: { description: "The analysis", schema: imageTextResponseSchema } },
});

export const analyzeDocument = defineOperation({
  operationId: "analyzeDocument",
  method: "POST",
  path: "/api/v1/analyze/document",
  tag: "Analyze",
  summary: "OCR a page: lines with boxes, full text, language, key fields and an answer to a question",
  auth: "key",
  scope: "analyze",
  body: {
    schema: documentFieldsSchema,
    files: { document_image: { description: "The page image (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF, BMP)", required: true } },
    example: { document_image: EXAMPLE_IMAGE, query: "What is the total?" },
  },
  responses: { 200: { description: "The page read", schema: documentResponseSchema } },
});

export const analyzeMultilingual = defineOperation({
  operationId: "analyzeMultilingual",
  method: "POST",
  path: "/api/v1/analyze/multilingual",
  tag: "Analyze",
  summary: "Language of a text and of each of its segments, script, confidence and tokenisation statistics",
  auth: "key",
  scope: "analyze",
  body: {
    schema: multilingualRequestSchema,
    // The length check names the limit in characters, so it runs before the schema (lib/language/parse-multilingual-request.ts).
    validation: "describe",
    maxBytes: () => Math.min(getEnv().MAX_BODY_BYTES, MULTILINGUAL_BODY_LIMIT_BYTES),
    example: { content: "Guten Morgen! How are you today?" },
  },
  responses: { 200: { description: "Languages found", schema: multilingualResponseSchema } },
});

export const compareModels = defineOperation({
  operationId: "compareModels",
  method: "POST",
  path: "/api/v1/compare/models",
  tag: "Models",
  summary: "One image or page through the full-precision, int8 and pruned variants of a model family, side by side",
  auth: "key",
  scope: "analyze",
  body: {
    schema: compareRequestSchema,
    // Base64 grows the image by a third, so the body limit is the image limit plus that.
    maxBytes: () => Math.ceil(getEnv().MAX_BODY_BYTES * 1.4),
    multipart: false,
    example: { input: { image: EXAMPLE_IMAGE }, model: "yolox-nano" },
  },
  responses: { 200: { description: "Each variant's output, latency and agreement with full precision", schema: snakeCaseSchema(compareResponseSchema) } },
});

export const analyzeOperations = [analyzeImageText, analyzeDocument, analyzeMultilingual, compareModels];
