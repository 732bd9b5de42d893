import * as ort from "onnxruntime-node";
import { channelOrder } from "./ocr-settings";
import { quadSize, type Point, type Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";

/**
 * Cuts a text line out of the page along its (possibly tilted) quad straight into the height the
 * line models read, and packs crops into a padded batch tensor. One pass replaces PaddleOCR's
 * warpPerspective + resize: each output pixel maps through the quad (bilinear patch, exact for
 * rectangles and close to a perspective warp for mild trapezoids) and is averaged over k x k
 * sub-samples when the line is shrunk, so small output does not alias.
 */

export interface LineCrop {
  pixels: Buffer;
  width: number;
  height: number;
}

/** Corner order that reads the line left to right; boxes at least 1.5x taller than wide are read as turned (PaddleOCR's rot90). */
export function readingQuad(quad: Quad): Quad {
  const { width, height } = quadSize(quad);
  return height / Math.max(width, 1) >= 1.5 ? [quad[1], quad[2], quad[3], quad[0]] : quad;
}

/** Aspect ratio (width / height) of the line as read. */
export function lineAspect(quad: Quad): number {
  const { width, height } = quadSize(quad);
  return width / Math.max(height, 1);
}

export const noMargin: CropMargin = { along: 0, across: 0 };

export interface CropMargin {
  /** Added before and after the line, along its direction (pixels). */
  along: number;
  /** Added above and below the line (pixels). */
  across: number;
}

/** The quad grown by the margin on every side. */
export function padQuad(quad: Quad, margin: CropMargin): Quad {
  if (margin.along <= 0 && margin.across <= 0) return quad;
  const [p0, p1, , p3] = quad;
  const height = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
  const width = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
  if (height === 0 || width === 0) return quad;
  // Unit vectors along the line (u) and down it (v).
  const u = [(p1[0] - p0[0]) / width, (p1[1] - p0[1]) / width];
  const v = [(p3[0] - p0[0]) / height, (p3[1] - p0[1]) / height];
  const move = (p: Point, su: number, sv: number): Point => [
    p[0] + su * margin.along * u[0] + sv * margin.across * v[0],
    p[1] + su * margin.along * u[1] + sv * margin.across * v[1],
  ];
  return [move(quad[0], -1, -1), move(quad[1], 1, -1), move(quad[2], 1, 1), move(quad[3], -1, 1)];
}

/**
 * Margins for the line crops. DBNet's boxes hug the glyphs; with a margin around them PP-OCRv4
 * reads the spaces between words it otherwise drops ("Totaldue:134,39EUR" for "Total due: 134,39
 * EUR" on rendered text) and is surer. The margin is maxFraction of the line's height, but never
 * more than half the free space to the nearest line above or below (across) or beside it (along),
 * so dense pages stay clean.
 */
export function cropMargins(quads: Quad[], maxFraction: number): CropMargin[] {
  const boxes = quads.map((quad) => {
    const xs = quad.map((p) => p[0]);
    const ys = quad.map((p) => p[1]);
    return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), height: quadSize(quad).height };
  });
  return boxes.map((a, i) => {
    let vertical = maxFraction * a.height;
    let horizontal = maxFraction * a.height;
    boxes.forEach((b, j) => {
      if (i === j) return;
      const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlapX > 0) vertical = Math.min(vertical, Math.max(0, Math.max(b.top - a.bottom, a.top - b.bottom) / 2));
      else if (overlapY > 0) horizontal = Math.min(horizontal, Math.max(0, Math.max(b.left - a.right, a.left - b.right) / 2));
    });
    // Boxes are in page axes; a line turned a quarter (tall box, read sideways) swaps them.
    const sideways = boxes[i].bottom - boxes[i].top > boxes[i].right - boxes[i].left;
    return sideways ? { along: vertical, across: horizontal } : { along: horizontal, across: vertical };
  });
}

export function cropLine(image: RgbImage, quad: Quad, outHeight: number, maxWidth: number, turn180 = false): LineCrop {
  const q = turn180 ? ([quad[2], quad[3], quad[0], quad[1]] as Quad) : quad;
  const { width: lineWidth, height: lineHeight } = quadSize(q);
  const outWidth = Math.max(1, Math.min(maxWidth, Math.ceil((outHeight * lineWidth) / Math.max(lineHeight, 1))));
  const k = Math.min(4, Math.max(1, Math.ceil(Math.max(lineWidth / outWidth, lineHeight / outHeight))));
  const out = Buffer.alloc(outWidth * outHeight * 3);
  const { width, height, pixels } = image;
  const [p0, p1, p2, p3] = q;
  const n = k * k;
  // Sums of the k x k sub-samples of one output row, per pixel and channel.
  const row = new Float64Array(outWidth * 3);
  // This loop runs for every sub-sample of every output pixel (up to 16 per pixel, ~10^5-10^6 per page): the
  // bilinear patch is split into a left and right edge per sub-row so each sample costs two multiply-adds, and the
  // bilinear read is inlined on the raw bytes (a helper with an out-array per sample cost ~3x more).
  for (let v = 0; v < outHeight; v++) {
    row.fill(0);
    for (let sv = 0; sv < k; sv++) {
      const t = (v + (sv + 0.5) / k) / outHeight;
      // The point at s along the sub-row is left + s * (right - left), minus the half-pixel of pixel centres.
      const leftX = (1 - t) * p0[0] + t * p3[0] - 0.5;
      const leftY = (1 - t) * p0[1] + t * p3[1] - 0.5;
      const spanX = (1 - t) * p1[0] + t * p2[0] - 0.5 - leftX;
      const spanY = (1 - t) * p1[1] + t * p2[1] - 0.5 - leftY;
      for (let u = 0; u < outWidth; u++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let su = 0; su < k; su++) {
          const s = (u + (su + 0.5) / k) / outWidth;
          // Edge pixels repeat beyond the border (OpenCV BORDER_REPLICATE).
          const cx = Math.min(Math.max(leftX + s * spanX, 0), width - 1);
          const cy = Math.min(Math.max(leftY + s * spanY, 0), height - 1);
          const x0 = Math.floor(cx);
          const y0 = Math.floor(cy);
          const fx = cx - x0;
          const fy = cy - y0;
          const i00 = (y0 * width + x0) * 3;
          const dx = x0 + 1 < width ? 3 : 0;
          const dy = y0 + 1 < height ? width * 3 : 0;
          const w00 = (1 - fx) * (1 - fy);
          const w10 = fx * (1 - fy);
          const w01 = (1 - fx) * fy;
          const w11 = fx * fy;
          r += pixels[i00] * w00 + pixels[i00 + dx] * w10 + pixels[i00 + dy] * w01 + pixels[i00 + dy + dx] * w11;
          g += pixels[i00 + 1] * w00 + pixels[i00 + dx + 1] * w10 + pixels[i00 + dy + 1] * w01 + pixels[i00 + dy + dx + 1] * w11;
          b += pixels[i00 + 2] * w00 + pixels[i00 + dx + 2] * w10 + pixels[i00 + dy + 2] * w01 + pixels[i00 + dy + dx + 2] * w11;
        }
        row[u * 3] += r;
        row[u * 3 + 1] += g;
        row[u * 3 + 2] += b;
      }
    }
    const o = v * outWidth * 3;
    for (let i = 0; i < outWidth * 3; i++) out[o + i] = Math.round(row[i] / n);
  }
  return { pixels: out, width: outWidth, height: outHeight };
}

/**
 * The dark and light ends (2nd and 95th percentile of grey: sparse letter-spaced headings are
 * mostly paper) of a line, sampled from the page's own
 * pixels (nearest pixel, no smoothing, at most ~4000 samples). Real print on a scan spreads over
 * ~150 grey levels; text showing through thin paper from the back, ~20, and is lighter than any
 * real print.
 */
export function lineGreyLevels(image: RgbImage, quad: Quad): { dark: number; light: number } {
  const { width: lineWidth, height: lineHeight } = quadSize(quad);
  const step = Math.max(1, Math.sqrt((lineWidth * lineHeight) / 4000));
  const columns = Math.max(1, Math.floor(lineWidth / step));
  const rows = Math.max(1, Math.floor(lineHeight / step));
  const histogram = new Uint32Array(256);
  const [p0, p1, p2, p3] = quad;
  for (let v = 0; v < rows; v++) {
    const t = (v + 0.5) / rows;
    for (let u = 0; u < columns; u++) {
      const s = (u + 0.5) / columns;
      const x = (1 - s) * (1 - t) * p0[0] + s * (1 - t) * p1[0] + s * t * p2[0] + (1 - s) * t * p3[0];
      const y = (1 - s) * (1 - t) * p0[1] + s * (1 - t) * p1[1] + s * t * p2[1] + (1 - s) * t * p3[1];
      const px = Math.min(image.width - 1, Math.max(0, Math.floor(x)));
      const py = Math.min(image.height - 1, Math.max(0, Math.floor(y)));
      const o = (py * image.width + px) * 3;
      histogram[Math.round((image.pixels[o] + image.pixels[o + 1] + image.pixels[o + 2]) / 3)]++;
    }
  }
  const count = columns * rows;
  const percentile = (q: number) => {
    let seen = 0;
    for (let level = 0; level < 256; level++) {
      seen += histogram[level];
      if (seen > q * count) return level;
    }
    return 255;
  };
  return { dark: percentile(0.02), light: percentile(0.95) };
}

/**
 * Crops -> [n, 3, height, batchWidth] with (v / 255 - 0.5) / 0.5 in BGR order, each crop left-aligned
 * and padded with zeros on the right (PaddleOCR resize_norm_img).
 */
export function cropsToTensor(crops: LineCrop[], height: number, batchWidth: number): ort.Tensor {
  const plane = height * batchWidth;
  const data = new Float32Array(crops.length * 3 * plane);
  crops.forEach((crop, n) => {
    const base = n * 3 * plane;
    for (let c = 0; c < 3; c++) {
      const source = channelOrder[c];
      const offset = base + c * plane;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < crop.width; x++) {
          data[offset + y * batchWidth + x] = crop.pixels[(y * crop.width + x) * 3 + source] / 127.5 - 1;
        }
      }
    }
  });
  return new ort.Tensor("float32", data, [crops.length, 3, height, batchWidth]);
}
