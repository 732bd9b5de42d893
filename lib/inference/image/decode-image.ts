import "server-only";
import sharp, { type Metadata } from "sharp";
import { ImageDecodeError } from "../../domain-errors";
import { getEnv } from "../../env";
import { withinDecodeBudget } from "./decode-budget";
import { decodeBmp, isBmp, readBmpHeader } from "./decode-bmp";

/**
 * Decodes an uploaded image once per request into upright RGB pixels that every model then reads.
 * Limits are enforced from the header, before any pixel is decoded: byte size, format (SVG and other
 * vector or exotic inputs are refused), pixel count (decompression bombs) and a minimum size.
 */

export const allowedImageFormats = ["jpeg", "png", "webp", "gif", "tiff", "avif", "heif", "bmp"] as const;
export const MIN_IMAGE_SIDE_PX = 16;

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface DecodedImage {
  /** Upright (EXIF orientation applied), sRGB, 3 channels, row-major. */
  pixels: Buffer;
  width: number;
  height: number;
  format: string;
  sizeBytes: number;
  hasAlpha: boolean;
  /** EXIF orientation found in the file (1 = as stored), for the image facts. */
  exifOrientation: number;
  decodeMs: number;
}

export async function decodeImage(bytes: Buffer, limits: ImageLimits): Promise<DecodedImage> {
  const startedAt = performance.now();
  const budget = getEnv().IMAGE_DECODE_PIXEL_BUDGET;
  if (bytes.length === 0) throw new ImageDecodeError("empty", "The image is empty (0 bytes).");
  if (bytes.length > limits.maxBytes) {
    throw new ImageDecodeError("too_large", `The image is ${bytes.length} bytes; the limit is ${limits.maxBytes} bytes.`);
  }

  if (isBmp(bytes)) {
    const header = readBmpHeader(bytes);
    checkDimensions(header.width, header.height, limits);
    const { pixels, width, height } = await withinDecodeBudget(budget, header.width * header.height, async () => decodeBmp(bytes));
    return { pixels, width, height, format: "bmp", sizeBytes: bytes.length, hasAlpha: false, exifOrientation: 1, decodeMs: performance.now() - startedAt };
  }

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageDecodeError("not_an_image", `The file is not an image in a supported format (${allowedImageFormats.join(", ")}).`);
  }
  const format = metadata.format ?? "unknown";
  if (!(allowedImageFormats as readonly string[]).includes(format)) {
    throw new ImageDecodeError("format_not_accepted", `Images in ${format} format are not accepted; send one of ${allowedImageFormats.join(", ")}.`);
  }
  checkDimensions(metadata.width ?? 0, metadata.height ?? 0, limits);

  // Only the header has been read so far: the pixels are decoded within the process's budget.
  const pixelCount = (metadata.width ?? 0) * (metadata.height ?? 0);
  const decoded = await withinDecodeBudget(budget, pixelCount, () => decodePixels(bytes, limits).catch((error: Error) => error));
  if (decoded instanceof Error) throw decodeFailure(decoded);
  const { data, info } = decoded;
  try {
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return {
      pixels: data,
      width: info.width,
      height: info.height,
      format,
      sizeBytes: bytes.length,
      hasAlpha: Boolean(metadata.hasAlpha),
      exifOrientation: metadata.orientation ?? 1,
      decodeMs: performance.now() - startedAt,
    };
  } catch (error) {
    throw decodeFailure(error as Error);
  }
}

function decodePixels(bytes: Buffer, limits: ImageLimits) {
  return sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: "truncated" })
    .rotate()
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

function decodeFailure(error: Error): ImageDecodeError {
  const truncated = /premature end|truncated|unexpected end|corrupt|damaged|read error/i.test(error.message);
  return truncated
    ? new ImageDecodeError("truncated", "The image data is truncated or corrupt: the file ends before the picture does. Upload the complete file.")
    : new ImageDecodeError("undecodable", "The image could not be decoded. Check that the file is a complete, valid image.");
}

function checkDimensions(width: number, height: number, limits: ImageLimits) {
  if (width * height > limits.maxPixels) {
    throw new ImageDecodeError(
      "too_many_pixels",
      `The image is ${width}x${height} (${((width * height) / 1e6).toFixed(1)} megapixels); the limit is ${(limits.maxPixels / 1e6).toFixed(1)} megapixels.`,
    );
  }
  if (width < MIN_IMAGE_SIDE_PX || height < MIN_IMAGE_SIDE_PX) {
    throw new ImageDecodeError(
      "too_small",
      `The image is ${width}x${height}; both sides must be at least ${MIN_IMAGE_SIDE_PX} pixels for the models to see anything.`,
    );
  }
}
