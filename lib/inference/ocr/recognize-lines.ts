import "server-only";
import type * as ort from "onnxruntime-node";
import { runSession, type LoadedModel } from "../session-pool";
import { cropLine, cropsToTensor, lineAspect } from "./crop-line";
import { ctcDecode, type DecodedLine } from "./ctc-decode";
import { recognitionSettings } from "./ocr-settings";
import type { Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";

export interface LineToRead {
  quad: Quad;
  /** Read the crop turned by 180 degrees (the direction classifier said so). */
  turn180: boolean;
}

/**
 * CTC recognition of line crops. Lines are sorted by aspect ratio and batched, so each batch is
 * padded only to the widest of similar lines (PaddleOCR's TextRecognizer does the same); results come
 * back in the order given.
 */
export async function recognizeLines(
  image: RgbImage,
  lines: LineToRead[],
  model: LoadedModel,
  symbols: readonly string[],
): Promise<{ decoded: DecodedLine[]; runMs: number }> {
  const { heightPx, minWidthPx, batchSize } = recognitionSettings;
  const order = lines.map((line, index) => ({ index, aspect: lineAspect(line.quad) })).sort((a, b) => a.aspect - b.aspect);
  const decoded: DecodedLine[] = new Array(lines.length);
  let runMs = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const widestAspect = Math.max(minWidthPx / heightPx, ...batch.map((b) => b.aspect));
    const batchWidth = Math.ceil(heightPx * widestAspect);
    const crops = batch.map(({ index }) => cropLine(image, lines[index].quad, heightPx, batchWidth, lines[index].turn180));
    const run = await runSession(model, { [model.session.inputNames[0]]: cropsToTensor(crops, heightPx, batchWidth) });
    runMs += run.runMs;
    const output = run.outputs[model.session.outputNames[0]] as ort.Tensor;
    const [, steps, classes] = output.dims as number[];
    batch.forEach(({ index }, i) => {
      decoded[index] = ctcDecode(output.data as Float32Array, steps, classes, symbols, i);
    });
  }
  return { decoded, runMs };
}
