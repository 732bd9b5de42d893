import "server-only";
import { getEnv } from "../../env";
import { decodeImage } from "../../inference/image/decode-image";
import { embeddingModelId } from "../../inference/embed/embedding-model";
import { recognizeText } from "../../inference/ocr/recognize-text";
import { detectInjection } from "../../safety/detect-injection";
import { toInjectionCheck } from "../../safety/present-checks";
import { answerQuery, type DocumentAnswer } from "./answer-query";
import { buildRows } from "./document-rows";
import { extractKeyFields, type KeyField } from "./extract-key-fields";
import { identifyDocumentLanguage } from "./identify-document-language";
import type { DocumentFields, DocumentResponse, KeyFieldOutput } from "./schemas";
import { round } from "../../stats";

export interface DocumentRequest extends DocumentFields {
  imageBytes: Buffer;
}

/**
 * A page in, its text, language, key fields and (with a query) an answer out: decode once, OCR,
 * then key fields, language and the answer from the OCR lines. A blank page is not an error: it
 * answers with no lines and a warning saying so.
 */
export async function analyzeDocument(request: DocumentRequest): Promise<DocumentResponse> {
  const startedAt = performance.now();
  const env = getEnv();
  const image = await decodeImage(request.imageBytes, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
  const ocr = await recognizeText(image);

  const keyFieldsStarted = performance.now();
  const keyFields = extractKeyFields(ocr.lines, { language: request.language });
  const keyFieldsMs = performance.now() - keyFieldsStarted;

  const languageStarted = performance.now();
  const language = await identifyDocumentLanguage(ocr.fullText, request.language);
  const languageMs = performance.now() - languageStarted;

  const answerStarted = performance.now();
  const answer = request.query === undefined ? null : await answerQuery(request.query, buildRows(ocr.lines), keyFields);
  const answerMs = performance.now() - answerStarted;

  // A page is something a model may be asked to read: its text is checked for planted instructions.
  const injectionStarted = performance.now();
  const injection = ocr.fullText.trim() ? toInjectionCheck(await detectInjection(ocr.fullText, { mode: "document" })) : null;
  const injectionMs = performance.now() - injectionStarted;

  return {
    image: { width: image.width, height: image.height, format: image.format, size_bytes: image.sizeBytes },
    page_rotation_degrees: ocr.pageRotationDegrees,
    lines: ocr.lines,
    full_text: ocr.fullText,
    language,
    key_fields: {
      merchant: keyFields.merchant && toOutput(keyFields.merchant),
      date: keyFields.date && toOutput(keyFields.date),
      total: keyFields.total && toOutput(keyFields.total),
      fields: keyFields.fields.map(toOutput),
    },
    answer: answer && answerOutput(answer),
    injection,
    warnings: warningsFor(ocr, language, answer),
    models: { ...ocr.model, embedding: answer?.semantic.available ? { id: embeddingModelId() } : null },
    timings_ms: {
      decode: round(image.decodeMs, 1),
      detect: ocr.timings.detectMs,
      classify: ocr.timings.classifyMs,
      recognize: ocr.timings.recognizeMs,
      ocr_total: ocr.timings.totalMs,
      key_fields: round(keyFieldsMs, 1),
      language: round(languageMs, 1),
      answer: round(answerMs, 1),
      injection: round(injectionMs, 1),
    },
    processing_time_ms: round(performance.now() - startedAt, 1),
  };
}

function warningsFor(ocr: Awaited<ReturnType<typeof recognizeText>>, language: DocumentResponse["language"], answer: DocumentAnswer | null): string[] {
  const warnings: string[] = [];
  if (ocr.lines.length === 0) {
    warnings.push("No text was found on the page. Check that the image shows a document or printed text, in focus and not blank.");
  } else {
    const meanConfidence = ocr.lines.reduce((s, l) => s + l.confidence, 0) / ocr.lines.length;
    if (meanConfidence < 0.8)
      warnings.push(`Recognition confidence is low (mean ${meanConfidence.toFixed(2)}): a sharper, larger or better-lit image reads better.`);
  }
  if (ocr.pageRotationDegrees !== 0) {
    warnings.push(`The page was turned ${ocr.pageRotationDegrees} degrees clockwise to read it; boxes are in the pixels of the image as uploaded.`);
  }
  if (language.available && language.hint && language.reliable && !language.hint.toLowerCase().startsWith(language.language)) {
    warnings.push(`The language given was "${language.hint}", but the text reads as ${language.name ?? language.language}.`);
  }
  if (answer && !answer.semantic.available) warnings.push(answer.semantic.reason);
  if (answer && answer.text === "") warnings.push("Nothing on the page matches the question.");
  return warnings;
}

function answerOutput(answer: DocumentAnswer): NonNullable<DocumentResponse["answer"]> {
  return {
    query: answer.query,
    text: answer.text,
    field: answer.field && toOutput(answer.field),
    passages: answer.passages.map((p) => ({
      row: p.rowIndex,
      text: p.text,
      line_indices: p.lineIndices,
      score: p.score,
      lexical_score: p.lexicalScore,
      semantic_score: p.semanticScore,
    })),
    semantic: answer.semantic,
  };
}

function toOutput(field: KeyField): KeyFieldOutput {
  return {
    kind: field.kind,
    value: field.value,
    text: field.text,
    ...(field.amount !== undefined ? { amount: field.amount } : {}),
    ...(field.currency ? { currency: field.currency } : {}),
    ...(field.label ? { label: field.label } : {}),
    line_index: field.lineIndex,
    line_text: field.lineText,
    row_text: field.rowText,
    confidence: field.confidence,
  };
}
