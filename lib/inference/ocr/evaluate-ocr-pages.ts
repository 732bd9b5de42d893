import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { median } from "../../stats";
import { decodeImage } from "../image/decode-image";
import { characterErrorRate, lineAccuracy } from "./measure-text-errors";
import { recognizeText, type OcrResult, type RecognizeTextOptions } from "./recognize-text";

/**
 * OCR accuracy and latency on the pages of ../shared/eval/images/ocr that have a ground-truth
 * transcription (`ground_truth` in the images manifest): phototest, its three rotated copies,
 * eurotext and the skimage book page. Shared by scripts/bench-ocr.ts and the eval-data test, so
 * both measure the same thing.
 */

export interface ManifestImage {
  file: string;
  ground_truth?: string;
  ground_truth_fields?: { merchant?: string; date?: string; total_eur?: number };
}

export interface PageOutcome {
  file: string;
  cer: number;
  lineCorrect: number;
  lineTotal: number;
  pageRotationDegrees: number;
  latencyMsMedian: number;
  result: OcrResult;
}

const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 40_000_000 };

export function readImagesManifest(evalDataDir: string): ManifestImage[] {
  return JSON.parse(readFileSync(path.join(evalDataDir, "images", "manifest.json"), "utf8")) as ManifestImage[];
}

export function ocrPages(manifest: ManifestImage[]): (ManifestImage & { ground_truth: string })[] {
  return manifest.filter((m): m is ManifestImage & { ground_truth: string } => m.file.startsWith("ocr/") && typeof m.ground_truth === "string");
}

export async function evaluateOcrPage(
  evalDataDir: string,
  page: ManifestImage & { ground_truth: string },
  runs = 1,
  models?: RecognizeTextOptions["models"],
): Promise<PageOutcome> {
  const image = await decodeImage(readFileSync(path.join(evalDataDir, "images", page.file)), limits);
  const reference = readFileSync(path.join(evalDataDir, "images", page.ground_truth), "utf8");
  const latencies: number[] = [];
  let result: OcrResult | undefined;
  for (let run = 0; run < runs; run++) {
    const startedAt = performance.now();
    result = await recognizeText(image, { models });
    latencies.push(performance.now() - startedAt);
  }
  const lines = lineAccuracy(result!.fullText, reference);
  return {
    file: page.file,
    cer: characterErrorRate(result!.fullText, reference),
    lineCorrect: lines.correct,
    lineTotal: lines.total,
    pageRotationDegrees: result!.pageRotationDegrees,
    latencyMsMedian: median(latencies),
    result: result!,
  };
}
