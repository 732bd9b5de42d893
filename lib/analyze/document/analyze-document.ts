import "server-only";
import { InvalidArgumentError } from "../../domain-errors";
import { getEnv } from "../../env";
import { decodeImage } from "../../inference/image/decode-image";
import { embeddingModelId } from "../../inference/embed/embedding-model";
import { recognizeText } from "../../inference/ocr/recognize-text";
import { resolveModel } from "../../inference/serving/resolve-variants";
import { getServingDefaults } from "../../inference/serving/serving-defaults";
import { detectInjection } from "../../safety/detect-injection";
import { toInjectionCheck } from "../../safety/present-checks";
import { answerQuery, type DocumentAnswer } from "./answer-query";
import { buildRows } from "./document-rows";
import { documentTasksToRun, type DocumentTask } from "./document-tasks";
import { extractKeyFields, type KeyField } from "./extract-key-fields";
import { identifyDocumentLanguage } from "./identify-document-language";
import type { DocumentFields, DocumentResponse, KeyFieldOutput } from "./schemas";
import { round } from "../../stats";

export interface DocumentRequest extends DocumentFields {
  imageBytes: Buffer;
}

/**
 * A page in, its text and the asked-for tasks out (all by default): decode once, OCR with the
 * requested variants or their serving defaults, then key fields, language and the answer from the
 * OCR lines, and the injection check of the page's text. A task not asked for does not run. A blank
 * page is not an error: it answers with no lines and a warning saying so.
 */
export async function analyzeDocument(request: DocumentRequest): Promise<DocumentResponse> {
  const startedAt = performance.now();
  const env = getEnv();
  const tasks = documentTasksToRun(request.tasks);
  const runs = (task: DocumentTask) => tasks.includes(task);
  if (request.tasks?.includes("answer") && request.query === undefined) {
    throw new InvalidArgumentError("tasks names answer, but no query was given: send `query` with the question.", {
      field: "query",
      message: "required by the answer task",
    });
  }
  // OCR is every task's input, so a requested variant that cannot be had fails the request (503).
  const serving = await getServingDefaults();
  const detection = resolveModel(serving.ocr_detection, request.variants?.ocr_detection);
  const recognition = resolveModel(serving.ocr_recognition, request.variants?.ocr_recognition);
  const image = await decodeImage(request.imageBytes, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
  const ocr = await recognizeText(image, { models: { detection: detection.modelId, recognition: recognition.modelId } });

  const timed = async <T>(work: () => T | Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: round(performance.now() - started, 1) };
  };
  const keyFields = runs("key_fields") ? await timed(() => extractKeyFields(ocr.lines, { language: request.language })) : undefined;
  const language = runs("language") ? await timed(() => identifyDocumentLanguage(ocr.fullText, request.language)) : undefined;
  const answer = runs("answer")
    ? await timed(() => (request.query === undefined ? null : answerQuery(request.query, buildRows(ocr.lines), keyFields!.value)))
    : undefined;
  // A page is something a model may be asked to read: its text is checked for planted instructions.
  const injection = runs("safety")
    ? await timed(async () => (ocr.fullText.trim() ? toInjectionCheck(await detectInjection(ocr.fullText, { mode: "document" })) : null))
    : undefined;

  return {
    image: { width: image.width, height: image.height, format: image.format, size_bytes: image.sizeBytes },
    page_rotation_degrees: ocr.pageRotationDegrees,
    lines: ocr.lines,
    full_text: ocr.fullText,
    ...(language ? { language: language.value } : {}),
    ...(keyFields
      ? {
          key_fields: {
            merchant: keyFields.value.merchant && toOutput(keyFields.value.merchant),
            date: keyFields.value.date && toOutput(keyFields.value.date),
            total: keyFields.value.total && toOutput(keyFields.value.total),
            fields: keyFields.value.fields.map(toOutput),
          },
        }
      : {}),
    ...(answer ? { answer: answer.value && answerOutput(answer.value) } : {}),
    ...(injection ? { injection: injection.value } : {}),
    tasks,
    warnings: warningsFor(ocr, language?.value, answer?.value ?? null),
    models: {
      detection: { ...ocr.model.detection, chosen_by: detection.chosenBy },
      recognition: { ...ocr.model.recognition, chosen_by: recognition.chosenBy },
      direction: ocr.model.direction,
      embedding: answer?.value?.semantic.available ? { id: embeddingModelId() } : null,
    },
    timings_ms: {
      decode: round(image.decodeMs, 1),
      detect: ocr.timings.detectMs,
      classify: ocr.timings.classifyMs,
      recognize: ocr.timings.recognizeMs,
      ocr_total: ocr.timings.totalMs,
      ...(keyFields ? { key_fields: keyFields.ms } : {}),
      ...(language ? { language: language.ms } : {}),
      ...(answer ? { answer: answer.ms } : {}),
      ...(injection ? { injection: injection.ms } : {}),
    },
    processing_time_ms: round(performance.now() - startedAt, 1),
  };
}

function warningsFor(
  ocr: Awaited<ReturnType<typeof recognizeText>>,
  language: DocumentResponse["language"] | undefined,
  answer: DocumentAnswer | null,
): string[] {
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
  if (language?.available && language.hint && language.reliable && !language.hint.toLowerCase().startsWith(language.language)) {
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
