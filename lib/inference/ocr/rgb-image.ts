import type { Point } from "./quad-geometry";

/** Interleaved 3-channel pixels, row-major: the part of a DecodedImage the OCR stages read. */
export interface RgbImage {
  pixels: Buffer;
  width: number;
  height: number;
}

export type QuarterTurns = 0 | 1 | 2 | 3;

/** Turns an image clockwise by quarterTurns * 90 degrees. */
export function rotateImage(image: RgbImage, quarterTurns: QuarterTurns): RgbImage {
  if (quarterTurns === 0) return image;
  const { width, height, pixels } = image;
  const outWidth = quarterTurns === 2 ? width : height;
  const outHeight = quarterTurns === 2 ? height : width;
  const out = Buffer.alloc(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Target pixel of (x, y): turnPoint on pixel indices, inlined because this runs once per pixel.
      const nx = quarterTurns === 1 ? height - 1 - y : quarterTurns === 2 ? width - 1 - x : y;
      const ny = quarterTurns === 1 ? x : quarterTurns === 2 ? height - 1 - y : width - 1 - x;
      const source = (y * width + x) * 3;
      const target = (ny * outWidth + nx) * 3;
      out[target] = pixels[source];
      out[target + 1] = pixels[source + 1];
      out[target + 2] = pixels[source + 2];
    }
  }
  return { pixels: out, width: outWidth, height: outHeight };
}

/** Where point (x, y) of a width x height image lands after turning the image clockwise by quarterTurns (continuous coordinates). */
export function turnPoint([x, y]: Point, quarterTurns: QuarterTurns, width: number, height: number): Point {
  switch (quarterTurns) {
    case 1:
      return [height - y, x];
    case 2:
      return [width - x, height - y];
    case 3:
      return [y, width - x];
    default:
      return [x, y];
  }
}

/** A point of the turned image, back in the original width x height image: the inverse of turnPoint. */
export function unturnPoint([x, y]: Point, quarterTurns: QuarterTurns, width: number, height: number): Point {
  switch (quarterTurns) {
    case 1:
      return [y, height - x];
    case 2:
      return [width - x, height - y];
    case 3:
      return [width - y, x];
    default:
      return [x, y];
  }
}
