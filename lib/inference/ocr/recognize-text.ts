import "server-only";
import { InvalidArgumentError, ModelUnavailableError } from "../../domain-errors";
import type { DecodedImage } from "../image/decode-image";
import { loadModel, type LoadedModel } from "../session-pool";
import { classifyDirections } from "./classify-direction";
import { cropMargins, lineGreyLevels, readingQuad } from "./crop-line";
import { detectTextBoxes } from "./detect-text-boxes";
import { findShowThrough, whitenPaper } from "./find-show-through";
import { loadSymbols } from "./load-symbols";
import { ocrModelIds, recognitionSettings } from "./ocr-settings";
import { orderLines } from "./order-lines";
import { orientPage } from "./orient-page";
import { axisBox, orderCorners, type AxisBox, type Point, type Quad } from "./quad-geometry";
import { carryDirections } from "./carry-directions";
import { readLines, type KnownReads } from "./read-lines";
import { turnPoint, unturnPoint, type QuarterTurns, type RgbImage } from "./rgb-image";
import { round } from "../../stats";
import { timeStage } from "./stage-clock";

/**
 * OCR of one page with PaddleOCR PP-OCRv4: DBNet line detection, whole-page orientation, the
 * direction classifier per line, CTC recognition, reading order. The one entry point other code
 * (document analysis, image-text, safety checks) calls. Throws ModelUnavailableError when a
 * model cannot be had, so callers can answer `available: false`.
 */

export interface RecognizeTextOptions {
  /** Look for pages turned by 90, 180 or 270 degrees (default true). */
  detectPageRotation?: boolean;
  /** Lines read with a lower mean character probability are dropped (default 0.5, as PaddleOCR). */
  minConfidence?: number;
  /**
   * Run other variants of the detection / recognition models (e.g. int8 or pruned ones produced by the
   * model lab), for benchmarks and side-by-side comparisons. Default: the full-precision models.
   */
  models?: { detection?: string; recognition?: string };
}

export interface OcrLine {
  text: string;
  /** Mean probability of the line's characters, 0..1. */
  confidence: number;
  /** Axis-aligned box in the pixels of the image as given. */
  box: AxisBox;
  /** The line's four corners in the pixels of the image as given: top-left, top-right, bottom-right, bottom-left as read. */
  polygon: Point[];
  /** Index of the row (lines side by side) in reading order; fullText puts one row per text line. */
  row: number;
}

export interface ModelRef {
  id: string;
  version: string;
  /** full_precision, quantized or pruned: which variant of its family ran. */
  variant: string;
}

export interface OcrResult {
  model: { detection: ModelRef; recognition: ModelRef; direction: ModelRef };
  /** In reading order. */
  lines: OcrLine[];
  /** Rows joined by newlines, the lines of a row by spaces. */
  fullText: string;
  /** Clockwise degrees (0, 90, 180, 270) the page was turned to read it upright. */
  pageRotationDegrees: 0 | 90 | 180 | 270;
  timings: { detectMs: number; classifyMs: number; recognizeMs: number; totalMs: number };
}

export async function recognizeText(image: DecodedImage | RgbImage, options: RecognizeTextOptions = {}): Promise<OcrResult> {
  const startedAt = performance.now();
  const models = await loadOcrModels(options.models);
  const timer = { detectMs: 0, classifyMs: 0, recognizeMs: 0 };
  let page: RgbImage = image;
  let found = await findLines(page, models, timer);
  if (found.showThrough.paperLevel !== undefined) {
    // Show-through merges into real lines at detection already ("8,83esi"): detect again on the cleaned page.
    page = whitenPaper(image, found.showThrough.paperLevel);
    found = await findLines(page, models, timer);
  }
  const printed = found.boxes.map((_, i) => i).filter((i) => !found.showThrough.faint[i]);
  let quads = printed.map((i) => found.quads[i]);
  const classifyStarted = performance.now();
  let { directions } = await classifyDirections(page, quads, models.direction, cropMargins(quads, recognitionSettings.maxCropMargin));
  timer.classifyMs += performance.now() - classifyStarted;

  let turns: QuarterTurns = 0;
  let known: KnownReads = new Map();
  if (options.detectPageRotation !== false) {
    const orientation = await orientPage(
      page,
      quads,
      directions.map((d) => d.upsideDownProbability),
      models.reading,
    );
    turns = orientation.turns;
    known = orientation.reads;
    timer.recognizeMs += orientation.recognizeMs;
  }
  // A turned page is not rotated pixel by pixel: its lines get quads in upright coordinates (for margins,
  // reading order and the answer) and are cropped from the page as given through the inverse turn.
  const toPage = (quad: Quad) => quad.map((p) => unturnPoint(p, turns, page.width, page.height)) as Quad;
  if (turns !== 0) {
    const pageQuads = quads;
    quads = printed.map((i) => readingQuad(orderCorners(found.boxes[i].quad.map((p) => turnPoint(p, turns, image.width, image.height)))));
    const reclassifyStarted = performance.now();
    const margins = cropMargins(quads, recognitionSettings.maxCropMargin);
    directions = await carryDirections(pageQuads, quads.map(toPage), directions, async (indices) => {
      const { directions: fresh } = await classifyDirections(
        page,
        indices.map((i) => toPage(quads[i])),
        models.direction,
        indices.map((i) => margins[i]),
      );
      return fresh;
    });
    timer.classifyMs += performance.now() - reclassifyStarted;
  }

  const recognizeStarted = performance.now();
  const read = await readLines(page, quads, cropMargins(quads, recognitionSettings.maxCropMargin), directions, models.reading, { toPage, known });
  timer.recognizeMs += performance.now() - recognizeStarted;

  const minConfidence = options.minConfidence ?? recognitionSettings.dropScore;
  const kept = read.lines.filter((line) => line.text.trim() !== "" && line.confidence >= minConfidence);
  const { rows } = orderLines(
    kept.map((line) => axisBox(line.quad)),
    kept.map((line) => line.text),
  );
  const lines: OcrLine[] = rows.flatMap((row, rowIndex) =>
    row.map((i) => {
      const polygon = kept[i].quad.map((p) => roundPoint(unturnPoint(p, turns, image.width, image.height)));
      return { text: kept[i].text.trim(), confidence: round(kept[i].confidence, 4), box: clipBox(axisBox(polygon), image), polygon, row: rowIndex };
    }),
  );
  return {
    model: { detection: refOf(models.detection), recognition: refOf(models.reading.model), direction: refOf(models.direction) },
    lines,
    fullText: rows.map((row) => row.map((i) => kept[i].text.trim()).join(" ")).join("\n"),
    pageRotationDegrees: (turns * 90) as OcrResult["pageRotationDegrees"],
    timings: {
      detectMs: round(timer.detectMs, 1),
      classifyMs: round(timer.classifyMs, 1),
      recognizeMs: round(timer.recognizeMs, 1),
      totalMs: round(performance.now() - startedAt, 1),
    },
  };
}

type OcrModels = Awaited<ReturnType<typeof loadOcrModels>>;

/** Detection, and the ink of each line found (to tell print from show-through). */
async function findLines(image: RgbImage, models: OcrModels, timer: { detectMs: number }) {
  const detectStarted = performance.now();
  const { boxes } = await detectTextBoxes(image, models.detection);
  const quads = boxes.map((box) => readingQuad(box.quad));
  const showThrough = findShowThrough(timeStage("grey_levels", () => quads.map((quad) => lineGreyLevels(image, quad))));
  timer.detectMs += performance.now() - detectStarted;
  return { boxes, quads, showThrough };
}

async function loadOcrModels(overrides: RecognizeTextOptions["models"] = {}) {
  const detectionId = overrides.detection ?? ocrModelIds.detection;
  const recognitionId = overrides.recognition ?? ocrModelIds.recognition;
  const [detection, recognition, direction] = await Promise.all([loadModel(detectionId), loadModel(recognitionId), loadModel(ocrModelIds.direction)]);
  if (detection.entry.task !== "text-detection" || recognition.entry.task !== "text-recognition") {
    throw new InvalidArgumentError(`OCR needs a text-detection and a text-recognition model (got ${detectionId}, ${recognitionId}).`);
  }
  if (!recognition.files.dictionary) {
    throw new ModelUnavailableError(recognitionId, `Model "${recognitionId}" has no dictionary file in the manifest.`);
  }
  return { detection, direction, reading: { model: recognition, symbols: await loadSymbols(recognition.files.dictionary) } };
}

function refOf(model: LoadedModel): ModelRef {
  return { id: model.entry.id, version: model.entry.version, variant: model.entry.variant };
}

function roundPoint([x, y]: Point): Point {
  return [round(x, 1), round(y, 1)];
}

function clipBox(box: AxisBox, image: { width: number; height: number }): AxisBox {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, width: round(Math.min(image.width, box.x + box.width) - x, 1), height: round(Math.min(image.height, box.y + box.height) - y, 1) };
}
