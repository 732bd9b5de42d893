import "server-only";
import { ApiError } from "../../errors";
import type { DecodedImage } from "../image/decode-image";
import { loadModel, type LoadedModel } from "../session-pool";
import { classifyDirections } from "./classify-direction";
import { readingQuad } from "./crop-line";
import { detectTextBoxes } from "./detect-text-boxes";
import { findShowThrough, whitenPaper } from "./find-show-through";
import { loadSymbols } from "./load-symbols";
import { directionSettings, ocrModelIds, recognitionSettings } from "./ocr-settings";
import { orderLines } from "./order-lines";
import { orientPage } from "./orient-page";
import { axisBox, orderCorners, type AxisBox, type Point, type Quad } from "./quad-geometry";
import { recognizeLines } from "./recognize-lines";
import { rotateImage, turnPoint, unturnPoint, type QuarterTurns, type RgbImage } from "./rgb-image";

/**
 * OCR of one page with PaddleOCR PP-OCRv4: DBNet line detection, whole-page orientation, the
 * direction classifier per line, CTC recognition, reading order. The one entry point other code
 * (document analysis, image-text, safety checks) calls. Throws ApiError("model_unavailable") when a
 * model cannot be had, so callers can answer `available: false`.
 */

export interface RecognizeTextOptions {
  /** Look for pages turned by 90, 180 or 270 degrees (default true). */
  detectPageRotation?: boolean;
  /** Lines read with a lower mean character probability are dropped (default 0.5, as PaddleOCR). */
  minConfidence?: number;
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
  const { detection: detModel, recognition: recModel, direction: clsModel, symbols } = await loadOcrModels();
  const timer = { detectMs: 0, classifyMs: 0 };
  let page: RgbImage = image;
  let found = await findLines(page, detModel, clsModel, timer);
  if (found.showThrough.paperLevel !== undefined) {
    // Show-through merges into real lines at detection already ("8,83esi"): detect again on the cleaned page.
    page = whitenPaper(image, found.showThrough.paperLevel);
    found = await findLines(page, detModel, clsModel, timer);
  }
  const printed = found.boxes.filter((_, i) => !found.showThrough.faint[i]);
  let quads = found.quads.filter((_, i) => !found.showThrough.faint[i]);
  let directions = found.directions.filter((_, i) => !found.showThrough.faint[i]);
  const orientation =
    options.detectPageRotation === false
      ? { turns: 0 as QuarterTurns, recognizeMs: 0 }
      : await orientPage(page, quads, directions.map((d) => d.upsideDownProbability), { model: recModel, symbols });
  const { turns } = orientation;
  const upright = rotateImage(page, turns);
  if (turns !== 0) {
    const classifyStarted = performance.now();
    quads = printed.map((box) => readingQuad(orderCorners(box.quad.map((p) => turnPoint(p, turns, image.width, image.height)))));
    ({ directions } = await classifyDirections(upright, quads, clsModel));
    timer.classifyMs += performance.now() - classifyStarted;
  }

  const recognizeStarted = performance.now();
  // A line the classifier wants turned is read both ways and keeps the surer reading: on an upright
  // page such a line is more often a classifier mistake (short, symmetric, dark background) than upside down.
  const flagged = quads.map((_, i) => directions[i].upsideDownProbability > directionSettings.flipThreshold);
  const asIs = quads.map((quad) => ({ quad, turn180: false }));
  const turned = quads.flatMap((quad, i) => (flagged[i] ? [{ quad, turn180: true }] : []));
  const { decoded: readings } = await recognizeLines(upright, [...asIs, ...turned], recModel, symbols);
  let nextTurned = quads.length;
  const toRead = asIs.map((line, i) => {
    if (!flagged[i]) return { ...line, reading: readings[i] };
    const other = readings[nextTurned++];
    return other.confidence > readings[i].confidence ? { quad: line.quad, turn180: true, reading: other } : { ...line, reading: readings[i] };
  });
  const decoded = toRead.map((line) => line.reading);
  const recognizeMs = performance.now() - recognizeStarted + orientation.recognizeMs;

  const minConfidence = options.minConfidence ?? recognitionSettings.dropScore;
  const kept = toRead
    .map((line, i) => ({ ...decoded[i], quad: line.turn180 ? ([line.quad[2], line.quad[3], line.quad[0], line.quad[1]] as Quad) : line.quad }))
    .filter((line) => line.text.trim() !== "" && line.confidence >= minConfidence);
  const { rows } = orderLines(kept.map((line) => axisBox(line.quad)), kept.map((line) => line.text));
  const lines: OcrLine[] = rows.flatMap((row, rowIndex) =>
    row.map((i) => {
      const polygon = kept[i].quad.map((p) => roundPoint(unturnPoint(p, turns, image.width, image.height)));
      return { text: kept[i].text.trim(), confidence: round(kept[i].confidence, 4), box: clipBox(axisBox(polygon), image), polygon, row: rowIndex };
    }),
  );
  const fullText = rows.map((row) => row.map((i) => kept[i].text.trim()).join(" ")).join("\n");
  return {
    model: { detection: refOf(detModel), recognition: refOf(recModel), direction: refOf(clsModel) },
    lines,
    fullText,
    pageRotationDegrees: (turns * 90) as OcrResult["pageRotationDegrees"],
    timings: { detectMs: round(timer.detectMs, 1), classifyMs: round(timer.classifyMs, 1), recognizeMs: round(recognizeMs, 1), totalMs: round(performance.now() - startedAt, 1) },
  };
}

/** Detection, then the direction classifier (which also measures each line's ink) on every box. */
async function findLines(image: RgbImage, detModel: LoadedModel, clsModel: LoadedModel, timer: { detectMs: number; classifyMs: number }) {
  const detectStarted = performance.now();
  const { boxes } = await detectTextBoxes(image, detModel);
  const classifyStarted = performance.now();
  timer.detectMs += classifyStarted - detectStarted;
  const quads = boxes.map((box) => readingQuad(box.quad));
  const { directions } = await classifyDirections(image, quads, clsModel);
  timer.classifyMs += performance.now() - classifyStarted;
  return { boxes, quads, directions, showThrough: findShowThrough(directions) };
}

async function loadOcrModels() {
  const [detection, recognition, direction] = await Promise.all([
    loadModel(ocrModelIds.detection),
    loadModel(ocrModelIds.recognition),
    loadModel(ocrModelIds.direction),
  ]);
  if (!recognition.files.dictionary) {
    throw new ApiError("model_unavailable", `Model "${ocrModelIds.recognition}" has no dictionary file in the manifest.`, { model: ocrModelIds.recognition });
  }
  return { detection, recognition, direction, symbols: await loadSymbols(recognition.files.dictionary) };
}

function refOf(model: LoadedModel): ModelRef {
  return { id: model.entry.id, version: model.entry.version };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function roundPoint([x, y]: Point): Point {
  return [round(x, 1), round(y, 1)];
}

function clipBox(box: AxisBox, image: { width: number; height: number }): AxisBox {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, width: round(Math.min(image.width, box.x + box.width) - x, 1), height: round(Math.min(image.height, box.y + box.height) - y, 1) };
}
