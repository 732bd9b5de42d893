import "server-only";
import type { DecodedImage } from "../../inference/image/decode-image";
import { recognizeText, type OcrResult } from "../../inference/ocr/recognize-text";
import { ModelUnavailableError } from "../../domain-errors";

/**
 * Reads the text in an image with the shared OCR (PP-OCRv4), so text hidden in a screenshot goes
 * through the same injection and PII checks as a prompt. OCR that cannot run (a model missing) is
 * reported as unavailable with the reason rather than failing the request.
 */

export type ImageText =
  | {
      available: true;
      text: string;
      lines: { text: string; confidence: number; box: { x: number; y: number; width: number; height: number } }[];
      ocrMs: number;
    }
  | { available: false; reason: string };

/** `alreadyRead`: the OCR of this image when the caller ran it anyway (the image-text analysis does). */
export async function readImageText(image: DecodedImage, alreadyRead?: OcrResult): Promise<ImageText> {
  const startedAt = performance.now();
  try {
    const result = alreadyRead ?? (await recognizeText(image));
    return {
      available: true,
      text: result.fullText,
      lines: result.lines.map((line) => ({ text: line.text, confidence: line.confidence, box: line.box })),
      ocrMs: alreadyRead ? alreadyRead.timings.totalMs : performance.now() - startedAt,
    };
  } catch (error) {
    if (error instanceof ModelUnavailableError) return { available: false, reason: error.message };
    throw error;
  }
}
