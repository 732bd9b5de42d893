import "server-only";
import type * as ort from "onnxruntime-node";
import { runSession, type LoadedModel } from "../session-pool";
import { cropLine, cropsToTensor, lineAspect } from "./crop-line";
import { ctcDecode, type DecodedLine } from "./ctc-decode";
import { recognitionSettings } from "./ocr-settings";
import { planRecognitionBatches } from "./plan-recognition-batches";
import type { Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";
import { timeStage } from "./stage-clock";

export interface LineToRead {
  quad: Quad;
  /** Read the crop turned by 180 degrees (the direction classifier said so). */
  turn180: boolean;
}

/**
 * CTC recognition of line crops, batched by width (see planRecognitionBatches); results come back in
 * the order given. Each line is decoded over its own time steps and a few beyond (the padding to
 * the batch's width is blank in PaddleOCR's training, so decoding it only costs time).
 */
export async function recognizeLines(
  image: RgbImage,
  lines: LineToRead[],
  model: LoadedModel,
  symbols: readonly string[],
): Promise<{ decoded: DecodedLine[]; runMs: number }> {
  const { heightPx, decodeMarginSteps } = recognitionSettings;
  const widths = lines.map((line) => Math.ceil(heightPx * lineAspect(line.quad)));
  const decoded: DecodedLine[] = new Array(lines.length);
  let runMs = 0;
  for (const batch of planRecognitionBatches(widths, recognitionSettings)) {
    const crops = timeStage("crop", () => batch.indices.map((index) => cropLine(image, lines[index].quad, heightPx, batch.width, lines[index].turn180)));
    const tensor = timeStage("tensor", () => cropsToTensor(crops, heightPx, batch.width));
    const run = await runSession(model, { [model.session.inputNames[0]]: tensor });
    runMs += run.runMs;
    const output = run.outputs[model.session.outputNames[0]] as ort.Tensor;
    const [, steps, classes] = output.dims as number[];
    timeStage("ctc_decode", () =>
      batch.indices.forEach((index, i) => {
        const ownSteps = Math.min(steps, Math.ceil((crops[i].width / batch.width) * steps) + decodeMarginSteps);
        decoded[index] = ctcDecode(output.data as Float32Array, steps, classes, symbols, i, ownSteps);
      }),
    );
  }
  return { decoded, runMs };
}
