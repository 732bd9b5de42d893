import "server-only";
import sharp from "sharp";
import type { DecodedImage } from "./decode-image";
import { nameColour } from "./colour-names";

/**
 * Facts about the picture itself, computed from the decoded pixels: dominant colours (k-means on a
 * thumbnail), brightness and contrast (luma statistics) and sharpness (variance of the Laplacian, a
 * standard blur measure: low variance means few edges, i.e. blur or a flat image).
 */

export interface DominantColour {
  hex: string;
  name: string;
  /** Share of the thumbnail's pixels in this cluster, 0..1. */
  fraction: number;
}

export interface ImageFacts {
  width: number;
  height: number;
  format: string;
  sizeBytes: number;
  megapixels: number;
  aspectRatio: number;
  orientation: "landscape" | "portrait" | "square";
  hasAlpha: boolean;
  exifOrientation: number;
  dominantColours: DominantColour[];
  /** Mean luma 0..1. */
  brightness: number;
  /** Standard deviation of luma 0..1. */
  contrast: number;
  /** Variance of the Laplacian on a 512-px grayscale copy (0..255 scale). */
  sharpness: number;
  isBlurry: boolean;
  isDark: boolean;
  isGrayscale: boolean;
}

// Below this Laplacian variance a 512-px photo has almost no crisp edges. Measured on the eval photos:
// the motion-blurred clock scores far below the sharp photos (see image-facts.eval.test.ts).
export const BLUR_THRESHOLD = 60;

export async function computeImageFacts(image: DecodedImage): Promise<ImageFacts> {
  const raw = () => sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } });
  const [thumbnail, gray] = await Promise.all([
    raw().resize(64, 64, { fit: "inside" }).raw().toBuffer(),
    raw().resize(512, 512, { fit: "inside", withoutEnlargement: true }).grayscale().raw().toBuffer({ resolveWithObject: true }),
  ]);
  const luma = gray.data;
  let sum = 0;
  for (const v of luma) sum += v;
  const mean = sum / luma.length;
  let squares = 0;
  for (const v of luma) squares += (v - mean) ** 2;
  const contrast = Math.sqrt(squares / luma.length) / 255;
  const sharpness = laplacianVariance(luma, gray.info.width, gray.info.height);
  const colours = dominantColours(thumbnail, 5);
  return {
    width: image.width,
    height: image.height,
    format: image.format,
    sizeBytes: image.sizeBytes,
    megapixels: Math.round((image.width * image.height) / 10_000) / 100,
    aspectRatio: Math.round((image.width / image.height) * 1000) / 1000,
    orientation: image.width > image.height * 1.05 ? "landscape" : image.height > image.width * 1.05 ? "portrait" : "square",
    hasAlpha: image.hasAlpha,
    exifOrientation: image.exifOrientation,
    dominantColours: colours,
    brightness: Math.round((mean / 255) * 1000) / 1000,
    contrast: Math.round(contrast * 1000) / 1000,
    sharpness: Math.round(sharpness * 10) / 10,
    isBlurry: sharpness < BLUR_THRESHOLD,
    isDark: mean / 255 < 0.25,
    isGrayscale: isGrayscale(thumbnail),
  };
}

export function laplacianVariance(luma: Uint8Array | Buffer, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value = luma[i - width] + luma[i + width] + luma[i - 1] + luma[i + 1] - 4 * luma[i];
      sum += value;
      squares += value * value;
      count++;
    }
  }
  const mean = sum / count;
  return squares / count - mean * mean;
}

function isGrayscale(rgb: Buffer): boolean {
  let chroma = 0;
  for (let i = 0; i < rgb.length; i += 3) chroma += Math.max(rgb[i], rgb[i + 1], rgb[i + 2]) - Math.min(rgb[i], rgb[i + 1], rgb[i + 2]);
  return chroma / (rgb.length / 3) < 6;
}

/** k-means in RGB with deterministic farthest-point initialisation, so the same image gives the same answer. */
export function dominantColours(rgb: Buffer, k: number): DominantColour[] {
  const n = rgb.length / 3;
  const point = (i: number): [number, number, number] => [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];
  const distance = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
  const centres: number[][] = [point(0)];
  while (centres.length < k) {
    let farthest = 0;
    let farthestDistance = -1;
    for (let i = 0; i < n; i++) {
      const d = Math.min(...centres.map((c) => distance(point(i), c)));
      if (d > farthestDistance) {
        farthestDistance = d;
        farthest = i;
      }
    }
    if (farthestDistance <= 0) break;
    centres.push(point(farthest));
  }
  const assignment = new Int32Array(n);
  for (let iteration = 0; iteration < 12; iteration++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    for (let i = 0; i < n; i++) {
      const p = point(i);
      let best = 0;
      for (let c = 1; c < centres.length; c++) if (distance(p, centres[c]) < distance(p, centres[best])) best = c;
      assignment[i] = best;
      sums[best][0] += p[0];
      sums[best][1] += p[1];
      sums[best][2] += p[2];
      sums[best][3] += 1;
    }
    centres.forEach((c, i) => {
      if (sums[i][3] > 0) for (let j = 0; j < 3; j++) c[j] = sums[i][j] / sums[i][3];
    });
  }
  const counts = centres.map((_, c) => assignment.filter((a) => a === c).length);
  const clusters = centres
    .map((c, i) => {
      const rounded = c.map((v) => Math.round(v)) as [number, number, number];
      return { hex: `#${rounded.map((v) => v.toString(16).padStart(2, "0")).join("")}`, name: nameColour(rounded), fraction: counts[i] / n };
    })
    .filter((c) => c.fraction > 0)
    .sort((a, b) => b.fraction - a.fraction);
  // Two clusters with one colour name are one colour to a reader: merge them, keeping the larger's swatch.
  const merged: DominantColour[] = [];
  for (const cluster of clusters) {
    const same = merged.find((m) => m.name === cluster.name);
    if (same) same.fraction += cluster.fraction;
    else merged.push({ ...cluster });
  }
  return merged.map((c) => ({ ...c, fraction: Math.round(c.fraction * 1000) / 1000 }));
}
