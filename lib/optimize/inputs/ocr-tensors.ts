import "server-only";
import type * as ort from "onnxruntime-node";
import sharp from "sharp";
import { decodeRgb, resizeRgb, toPlanarTensor, type RgbImage } from "./image-tensor";

/**
 * PP-OCR inputs as PaddleOCR's own predictors build them (the images are read as BGR by OpenCV
 * there, and the normalisation constants are applied in that channel order):
 *  - detection: longest side limited to 960 px, both sides rounded to a multiple of 32,
 *    x/255 then ImageNet mean (0.485, 0.456, 0.406) / std (0.229, 0.224, 0.225);
 *  - recognition: a text-line crop resized to height 48 keeping its aspect ratio, (x/255 - 0.5)/0.5,
 *    padded on the right with 0 to at least 320 px.
 * Text lines are found with a row projection profile (ink per row), not with the OCR detector, so
 * calibration does not depend on the detection pipeline; it finds lines on clean, level pages.
 */

export const OCR_DET_MAX_SIDE = 960;
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;
export const OCR_REC_HEIGHT = 48;
const REC_MIN_WIDTH = 320;
const REC_MAX_WIDTH = 1600;

export async function ocrDetectionTensor(filePath: string, maxSide = OCR_DET_MAX_SIDE): Promise<ort.Tensor> {
  const image = await decodeRgb(filePath);
  const ratio = Math.max(image.width, image.height) > maxSide ? maxSide / Math.max(image.width, image.height) : 1;
  const to32 = (v: number) => Math.max(32, Math.round((v * ratio) / 32) * 32);
  const resized = await resizeRgb(image, to32(image.width), to32(image.height));
  return toPlanarTensor(resized, { channels: "BGR", scale: 1 / 255, mean: DET_MEAN, std: DET_STD });
}

export async function ocrRecognitionTensor(line: RgbImage): Promise<ort.Tensor> {
  const width = Math.min(REC_MAX_WIDTH, Math.max(1, Math.ceil((OCR_REC_HEIGHT * line.width) / line.height)));
  const resized = await resizeRgb(line, width, OCR_REC_HEIGHT);
  const canvas = { width: Math.max(REC_MIN_WIDTH, width), height: OCR_REC_HEIGHT, pad: 127.5 };
  return toPlanarTensor(resized, { channels: "BGR", scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], canvas });
}

/** Bands of rows holding dark ink on a light page, as RGB crops (at most `maxLines`, evenly spread). */
export async function findTextLines(filePath: string, maxLines = 12): Promise<RgbImage[]> {
  const page = await decodeRgb(filePath);
  const { width, height, rgb } = page;
  const gray = new Uint8Array(width * height);
  let sum = 0;
  for (let i = 0; i < gray.length; i++) sum += gray[i] = (rgb[3 * i] * 299 + rgb[3 * i + 1] * 587 + rgb[3 * i + 2] * 114) / 1000;
  const threshold = (sum / gray.length) * 0.6; // ink is well below the page's mean brightness
  const inkPerRow = new Uint32Array(height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (gray[y * width + x] < threshold) inkPerRow[y]++;
  const minInk = Math.max(2, Math.round(width * 0.004));
  const bands: [number, number][] = [];
  for (let y = 0, start = -1; y <= height; y++) {
    const inked = y < height && inkPerRow[y] >= minInk;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      if (y - start >= 8 && y - start <= height / 4) bands.push([start, y]);
      start = -1;
    }
  }
  const step = Math.max(1, bands.length / maxLines);
  const chosen = bands.filter((_, i) => Math.floor(i % step) === 0).slice(0, maxLines);
  const lines: RgbImage[] = [];
  for (const [top, bottom] of chosen) {
    let left = width;
    let right = 0;
    for (let y = top; y < bottom; y++) {
      for (let x = 0; x < width; x++) {
        if (gray[y * width + x] < threshold) {
          if (x < left) left = x;
          if (x > right) right = x;
        }
      }
    }
    const margin = Math.round((bottom - top) * 0.25);
    const box = {
      left: Math.max(0, left - margin),
      top: Math.max(0, top - margin),
      width: Math.min(width, right + margin + 1) - Math.max(0, left - margin),
      height: Math.min(height, bottom + margin) - Math.max(0, top - margin),
    };
    if (box.width < box.height * 2) continue; // not a line of text
    const data = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .extract(box)
      .raw()
      .toBuffer();
    lines.push({ rgb: new Uint8Array(data), width: box.width, height: box.height });
  }
  return lines;
}
