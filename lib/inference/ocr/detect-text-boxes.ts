import "server-only";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import type { LoadedModel } from "../session-pool";
import { runSession } from "../session-pool";
import { findTextBoxes } from "./find-text-boxes";
import { channelOrder, detectionSettings } from "./ocr-settings";
import type { Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";
import { timeStage } from "./stage-clock";

export interface DetectedBox {
  /** Corners in the pixels of the image that was passed in. */
  quad: Quad;
  score: number;
}

export interface TextDetection {
  boxes: DetectedBox[];
  /** Size of the tensor the model saw. */
  inputWidth: number;
  inputHeight: number;
  runMs: number;
}

/**
 * The model's input size: the longer side at most maxSidePx; small pages scaled up towards
 * minShortSidePx on the shorter side, but by no more than maxUpscale; each side a multiple of 32.
 */
export function detectionInputSize(width: number, height: number): { width: number; height: number } {
  const { maxSidePx, minShortSidePx, maxUpscale, sideMultiple } = detectionSettings;
  const longSide = Math.max(width, height);
  const shortSide = Math.min(width, height);
  const ratio = Math.min(maxSidePx / longSide, Math.max(1, Math.min(maxUpscale, minShortSidePx / shortSide)));
  const round = (v: number) => Math.max(sideMultiple, Math.round((v * ratio) / sideMultiple) * sideMultiple);
  return { width: round(width), height: round(height) };
}

/** DBNet text detection: text-line quads in the input image's pixels. */
export async function detectTextBoxes(image: RgbImage, model: LoadedModel): Promise<TextDetection> {
  const size = detectionInputSize(image.width, image.height);
  const resized = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(size.width, size.height, { fit: "fill", kernel: "linear" })
    .raw()
    .toBuffer();
  const tensor = new ort.Tensor(
    "float32",
    timeStage("detect_tensor", () => normalise(resized, size.width * size.height)),
    [1, 3, size.height, size.width],
  );
  const { outputs, runMs } = await runSession(model, { [model.session.inputNames[0]]: tensor });
  const map = outputs[model.session.outputNames[0]] as ort.Tensor;
  const [, , mapHeight, mapWidth] = map.dims as number[];
  const found = timeStage("find_boxes", () => findTextBoxes(map.data as Float32Array, mapWidth, mapHeight, detectionSettings));
  const scaleX = image.width / mapWidth;
  const scaleY = image.height / mapHeight;
  const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const boxes = found
    .map(({ quad, score }) => ({
      quad: quad.map(([x, y]) => [clip(x * scaleX, image.width), clip(y * scaleY, image.height)]) as Quad,
      score,
    }))
    // After clipping to the image a box may have collapsed (PaddleOCR filter_tag_det_res).
    .filter(({ quad }) => Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]) > 3 && Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]) > 3);
  return { boxes, inputWidth: size.width, inputHeight: size.height, runMs };
}

function normalise(pixels: Buffer, area: number): Float32Array {
  const out = new Float32Array(area * 3);
  const { mean, std } = detectionSettings;
  for (let c = 0; c < 3; c++) {
    const source = channelOrder[c];
    const plane = c * area;
    const factor = 1 / (255 * std[c]);
    const shift = mean[c] / std[c];
    for (let i = 0; i < area; i++) out[plane + i] = pixels[i * 3 + source] * factor - shift;
  }
  return out;
}
