import "server-only";
import { ApiError } from "../../errors";
import type { DecodedImage } from "../../inference/image/decode-image";

/**
 * Reads the text in an image with the shared OCR (PP-OCRv4), so text hidden in a screenshot goes
 * through the same injection and PII checks as a prompt. OCR that cannot run (a model missing) is
 * reported as unavailable with the reason rather than failing the request.
 */

export type ImageText =
  | { available: true; text: string; lines: { text: string; confidence: number; box: { x: number; y: number; width: number; height: number } }[]; ocrMs: number }
  | { available: false; reason: string };

export async function readImageText(image: DecodedImage): Promise<ImageText> {
  const startedAt = performance.now();
  try {
    const { recognizeText } = await import("../../inference/ocr/recognize-text");
    const result = await recognizeText(image);
    return {
      available: true,
      text: result.fullText,
      lines: result.lines.map((line) => ({ text: line.text, confidence: line.confidence, box: line.box })),
      ocrMs: performance.now() - startedAt,
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === "model_unavailable") return { available: false, reason: error.detail };
    throw error;
  }
}
