import "server-only";
import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { decodeImage } from "@/lib/inference/image/decode-image";
import { imageToTensor } from "@/lib/inference/image/image-to-tensor";
import type { ImageInputSpec } from "@/lib/models/manifest-schema";

/**
 * Evaluation images as model inputs. Decoding and manifest-driven preprocessing are the request
 * path's own (lib/inference/image), so variants are calibrated and judged on exactly the tensors
 * they will see in production; the OCR inputs (variable size, not described by the manifest) are
 * built here from the same decoded pixels.
 */

export interface RgbImage {
  /** Interleaved RGB bytes. */
  rgb: Uint8Array;
  width: number;
  height: number;
}

// Evaluation files are trusted and some pages are large; the request limits do not apply here.
const evalLimits = { maxBytes: 200 * 1024 * 1024, maxPixels: 200_000_000 };

export async function decodeRgb(filePath: string): Promise<RgbImage> {
  const decoded = await decodeImage(await readFile(filePath), evalLimits);
  return { rgb: new Uint8Array(decoded.pixels.buffer, decoded.pixels.byteOffset, decoded.pixels.byteLength), width: decoded.width, height: decoded.height };
}

export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: "fill", kernel: "linear" })
    .raw()
    .toBuffer();
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/**
 * Planar NCHW tensor: value = (v * scale - mean[c]) / std[c], channels in the given order; the
 * image sits at the top-left of an optional larger canvas filled with `pad`.
 */
export function toPlanarTensor(
  image: RgbImage,
  options: { channels: "RGB" | "BGR"; scale: number; mean: readonly number[]; std: readonly number[]; canvas?: { width: number; height: number; pad: number } },
): ort.Tensor {
  const width = options.canvas?.width ?? image.width;
  const height = options.canvas?.height ?? image.height;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  const order = options.channels === "RGB" ? [0, 1, 2] : [2, 1, 0];
  for (let c = 0; c < 3; c++) {
    const padValue = ((options.canvas?.pad ?? 0) * options.scale - options.mean[c]) / options.std[c];
    out.fill(padValue, c * plane, (c + 1) * plane);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        out[c * plane + y * width + x] = (image.rgb[(y * image.width + x) * 3 + order[c]] * options.scale - options.mean[c]) / options.std[c];
      }
    }
  }
  return new ort.Tensor("float32", out, [1, 3, height, width]);
}

/** A manifest image model's input for one file, through the request path's preprocessing. */
export async function imageFileTensor(filePath: string, spec: ImageInputSpec): Promise<ort.Tensor> {
  const decoded = await decodeImage(await readFile(filePath), evalLimits);
  return (await imageToTensor(decoded, spec)).tensor;
}
