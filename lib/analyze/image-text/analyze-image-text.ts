import "server-only";
import { getEnv } from "../../env";
import { classifyImage, type ClassificationResult } from "../../inference/classify-image";
import { defaultModelFor } from "../../inference/default-model";
import { detectObjects, type DetectionResult } from "../../inference/detect-objects";
import { decodeImage } from "../../inference/image/decode-image";
import { computeImageFacts } from "../../inference/image/image-facts";
import { recognizeText, type OcrResult } from "../../inference/ocr/recognize-text";
import { assessSafety } from "../../safety/evaluate-safety";
import { getLabelVocabulary, type LabelVocabulary } from "./label-vocabulary";
import { relateTextToImage } from "./relate-text-to-image";
import type { ImageTextRequest, ImageTextResponse } from "./schema";
import { ModelUnavailableError } from "../../domain-errors";
import { round } from "../../stats";

/**
 * The image-text analysis: decode once, run every vision task on the same pixels in parallel, then
 * relate the caption to what they saw. A task whose model is unavailable answers `available: false`
 * with the reason instead of failing the request.
 */

type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };

async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    // Only "this model cannot be had" degrades to available:false; anything else is a real failure.
    if (error instanceof ModelUnavailableError) return { ok: false, reason: error.message };
    throw error;
  }
}

const ms = (value: number) => round(value, 2);

export async function analyzeImageText(input: { image: Buffer; request: ImageTextRequest; requestId: string }): Promise<ImageTextResponse> {
  const startedAt = performance.now();
  const env = getEnv();
  const image = await decodeImage(input.image, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
  const classifierId = defaultModelFor("image-classification");
  const detectorId = defaultModelFor("object-detection");

  const factsStartedAt = performance.now();
  const [labels, objects, facts, ocr] = await Promise.all([
    settle(classifyImage(image, { modelId: classifierId, k: input.request.top_k })),
    settle(detectObjects(image, { modelId: detectorId, scoreThreshold: input.request.detection_threshold })),
    computeImageFacts(image).then((value) => ({ value, factsMs: performance.now() - factsStartedAt })),
    // Text in photos is almost always upright: skipping the page-rotation search keeps OCR cheap here.
    settle(recognizeText(image, { detectPageRotation: false })),
  ]);

  const english = !input.request.language || input.request.language === "en";
  const vocabulary: Settled<LabelVocabulary> =
    labels.ok && objects.ok ? await settle(getLabelVocabulary(classifierId, detectorId)) : { ok: false, reason: "the vision models are unavailable" };
  // The caption and the picture (NSFW, and the OCR text already read) go through the safety checks
  // while the caption is related to the image.
  const safetyStartedAt = performance.now();
  const safetyPending = settle(
    assessSafety({ contentType: "multimodal", prompt: input.request.text, image, ocr: ocr.ok ? ocr.value : undefined }).then((value) => ({
      value,
      safetyMs: performance.now() - safetyStartedAt,
    })),
  );
  const relation = await relateTextToImage({
    text: input.request.text,
    vocabulary: vocabulary.ok ? vocabulary.value : undefined,
    classification: labels.ok ? labels.value : undefined,
    detection: objects.ok ? objects.value : undefined,
    facts: facts.value,
    ocrText: ocr.ok ? ocr.value.fullText : undefined,
    semantic: english
      ? vocabulary.ok
        ? { available: true }
        : { available: false, reason: vocabulary.reason }
      : { available: false, reason: `the sentence encoder (use-lite-en) is English-only; text in "${input.request.language}" is matched lexically` },
  });

  const safety = await safetyPending;
  const usedModels = [
    ...[labels, objects].flatMap((r) => (r.ok ? [r.value.model] : [])),
    ...(ocr.ok ? [ocr.value.model.detection, ocr.value.model.recognition, ocr.value.model.direction].map((m) => ({ ...m, variant: "full_precision" })) : []),
  ];
  return {
    request_id: input.requestId,
    image: {
      width: facts.value.width,
      height: facts.value.height,
      format: facts.value.format,
      size_bytes: facts.value.sizeBytes,
      megapixels: facts.value.megapixels,
      aspect_ratio: facts.value.aspectRatio,
      orientation: facts.value.orientation,
      has_alpha: facts.value.hasAlpha,
      exif_orientation: facts.value.exifOrientation,
      dominant_colours: facts.value.dominantColours,
      brightness: facts.value.brightness,
      contrast: facts.value.contrast,
      sharpness: facts.value.sharpness,
      is_blurry: facts.value.isBlurry,
      is_dark: facts.value.isDark,
      is_grayscale: facts.value.isGrayscale,
    },
    labels: labels.ok ? classificationOut(labels.value) : { available: false, reason: labels.reason },
    objects: objects.ok ? detectionOut(objects.value) : { available: false, reason: objects.reason },
    text_in_image: ocr.ok ? ocrOut(ocr.value) : { available: false, reason: ocr.reason },
    relation: {
      score: relation.score,
      verdict: relation.verdict,
      explanation: relation.explanation,
      terms: relation.terms.map(({ closestKnown, ...term }) => ({ ...term, ...(closestKnown ? { closest_known: closestKnown } : {}) })),
      method: relation.method,
    },
    safety: safety.ok
      ? { available: true, safety_score: safety.value.value.safety_score, verdict: safety.value.value.verdict, categories: safety.value.value.categories }
      : { available: false, reason: safety.reason },
    models: usedModels,
    timings: {
      decode_ms: ms(image.decodeMs),
      image_facts_ms: ms(facts.factsMs),
      ...(labels.ok ? { classify_ms: ms(sum(labels.value.timings)) } : {}),
      ...(objects.ok ? { detect_ms: ms(sum(objects.value.timings)) } : {}),
      ...(ocr.ok ? { ocr_ms: ms(ocr.value.timings.totalMs) } : {}),
      relate_ms: ms(relation.timings.relateMs),
      ...(safety.ok ? { safety_ms: ms(safety.value.safetyMs) } : {}),
    },
    processing_time_ms: ms(performance.now() - startedAt),
  };
}

function ocrOut(result: OcrResult): ImageTextResponse["text_in_image"] {
  const px = (v: number) => round(v, 1);
  return {
    available: true,
    full_text: result.fullText,
    lines: result.lines.map((l) => ({
      text: l.text,
      confidence: Math.round(l.confidence * 1000) / 1000,
      box: { x: px(l.box.x), y: px(l.box.y), width: px(l.box.width), height: px(l.box.height) },
    })),
    models: [result.model.detection.id, result.model.recognition.id, result.model.direction.id],
    timings: { detect_ms: ms(result.timings.detectMs), classify_ms: ms(result.timings.classifyMs), recognize_ms: ms(result.timings.recognizeMs) },
  };
}

function sum(timings: Record<string, number>): number {
  return Object.values(timings).reduce((a, b) => a + b, 0);
}

function stage(t: ClassificationResult["timings"]) {
  return { preprocess_ms: ms(t.preprocessMs), run_ms: ms(t.runMs), postprocess_ms: ms(t.postprocessMs) };
}

function classificationOut(result: ClassificationResult): ImageTextResponse["labels"] {
  return {
    available: true,
    model: result.model,
    top: result.labels.map((l) => ({ label: l.label, class_index: l.index, probability: Math.round(l.probability * 10_000) / 10_000 })),
    timings: stage(result.timings),
  };
}

function detectionOut(result: DetectionResult): ImageTextResponse["objects"] {
  const px = (v: number) => round(v, 1);
  return {
    available: true,
    model: result.model,
    items: result.objects.map((o) => ({
      label: o.label,
      class_index: o.classIndex,
      score: Math.round(o.score * 10_000) / 10_000,
      box: { x: px(o.box.x), y: px(o.box.y), width: px(o.box.width), height: px(o.box.height) },
    })),
    timings: stage(result.timings),
  };
}
