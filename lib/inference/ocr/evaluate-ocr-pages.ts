import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { median } from "../../stats";
import { decodeImage } from "../image/decode-image";
import { characterErrorRate, lineAccuracy } from "./measure-text-errors";
import { recognizeText, type OcrResult, type RecognizeTextOptions } from "./recognize-text";
import { takeStageTotals, type OcrStage } from "./stage-clock";

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
  /** Process CPU time per run (JavaScript thread and ONNX Runtime's threads), median: less swayed by other load than latency. */
  cpuMsMedian: number;
  /** The pipeline's recognition time per run (model runs and their crops), median. */
  recognizeMsMedian: number;
  /** Time in each JavaScript stage (stage-clock.ts) per run, median. */
  stagesMsMedian: Partial<Record<OcrStage, number>>;
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
  const cpu: number[] = [];
  const recognize: number[] = [];
  const stages: Partial<Record<OcrStage, number[]>> = {};
  let result: OcrResult | undefined;
  takeStageTotals();
  for (let run = 0; run < runs; run++) {
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    result = await recognizeText(image, { models });
    latencies.push(performance.now() - startedAt);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    recognize.push(result.timings.recognizeMs);
    for (const [stage, ms] of Object.entries(takeStageTotals())) (stages[stage as OcrStage] ??= []).push(ms ?? 0);
  }
  const lines = lineAccuracy(result!.fullText, reference);
  return {
    file: page.file,
    cer: characterErrorRate(result!.fullText, reference),
    lineCorrect: lines.correct,
    lineTotal: lines.total,
    pageRotationDegrees: result!.pageRotationDegrees,
    latencyMsMedian: median(latencies),
    cpuMsMedian: median(cpu),
    recognizeMsMedian: median(recognize),
    stagesMsMedian: Object.fromEntries(Object.entries(stages).map(([stage, values]) => [stage, median(values)])),
    result: result!,
  };
}
