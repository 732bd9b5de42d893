import type { ClassificationResult } from "../../inference/classify-image";
import type { DetectionResult } from "../../inference/detect-objects";
import type { ImageFacts } from "../../inference/image/image-facts";
import type { OcrResult } from "../../inference/ocr/recognize-text";
import { round } from "../../stats";
import type { ImageTextResponse } from "./schema";

type Ran<K extends "labels" | "objects" | "text_in_image"> = Extract<ImageTextResponse[K], { available: true }>;

/** The public (snake_case) shapes of each image-text task's result. */

export const ms = (value: number) => round(value, 2);
const px = (v: number) => round(v, 1);

export function sum(timings: Record<string, number>): number {
  return Object.values(timings).reduce((a, b) => a + b, 0);
}

export function factsOut(facts: ImageFacts): Omit<ImageTextResponse["image"], "width" | "height" | "format" | "size_bytes"> {
  return {
    megapixels: facts.megapixels,
    aspect_ratio: facts.aspectRatio,
    orientation: facts.orientation,
    has_alpha: facts.hasAlpha,
    exif_orientation: facts.exifOrientation,
    dominant_colours: facts.dominantColours,
    brightness: facts.brightness,
    contrast: facts.contrast,
    sharpness: facts.sharpness,
    is_blurry: facts.isBlurry,
    is_dark: facts.isDark,
    is_grayscale: facts.isGrayscale,
  };
}

export function ocrOut(result: OcrResult): Ran<"text_in_image"> {
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

function stage(t: ClassificationResult["timings"]) {
  return { preprocess_ms: ms(t.preprocessMs), run_ms: ms(t.runMs), postprocess_ms: ms(t.postprocessMs) };
}

export function classificationOut(result: ClassificationResult): Ran<"labels"> {
  return {
    available: true,
    model: result.model,
    top: result.labels.map((l) => ({ label: l.label, class_index: l.index, probability: Math.round(l.probability * 10_000) / 10_000 })),
    timings: stage(result.timings),
  };
}

export function detectionOut(result: DetectionResult): Ran<"objects"> {
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
