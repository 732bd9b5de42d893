import "server-only";
import type * as ort from "onnxruntime-node";
import { runSession, type LoadedModel } from "../session-pool";
import { cropLine, cropsToTensor, noMargin, padQuad, type CropMargin } from "./crop-line";
import { directionSettings } from "./ocr-settings";
import type { Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";
import { timeStage } from "./stage-clock";

export interface LineDirection {
  /** Probability that the line, as cropped, is upside down. */
  upsideDownProbability: number;
}

/**
 * The PP-OCR direction classifier on each line crop (48x192, padded): probabilities of 0 and 180
 * degrees. Lines are batched in the order given.
 */
export async function classifyDirections(
  image: RgbImage,
  quads: Quad[],
  model: LoadedModel,
  /** Crop margin per line (see cropMargins). */
  margins: CropMargin[] = [],
): Promise<{ directions: LineDirection[]; runMs: number }> {
  const { heightPx, widthPx, batchSize } = directionSettings;
  const directions: LineDirection[] = [];
  let runMs = 0;
  for (let start = 0; start < quads.length; start += batchSize) {
    const batch = quads.slice(start, start + batchSize);
    const crops = timeStage("crop", () => batch.map((quad, i) => cropLine(image, padQuad(quad, margins[start + i] ?? noMargin), heightPx, widthPx)));
    const tensor = timeStage("tensor", () => cropsToTensor(crops, heightPx, widthPx));
    const run = await runSession(model, { [model.session.inputNames[0]]: tensor });
    runMs += run.runMs;
    const probabilities = (run.outputs[model.session.outputNames[0]] as ort.Tensor).data as Float32Array;
    batch.forEach((_, i) => directions.push({ upsideDownProbability: probabilities[i * 2 + 1] }));
  }
  return { directions, runMs };
}
