import type { RgbImage } from "./rgb-image";
import { median, percentile } from "../../stats";

/**
 * Receipts and other thin paper show the print of the back side through the page: mirrored, faint
 * text that DBNet finds and the recogniser turns into gibberish, or that merges into a real line
 * ("8,83esi"). Such lines have a fraction of the grey-level spread of real print, so they are
 * dropped, and every pixel at least as light as their darkest ink (and not at the edge of real
 * print) is turned white; the page is then detected and read again from the cleaned pixels.
 */

export interface ShowThrough {
  /** Per line: too faint to be print on this page. */
  faint: boolean[];
  /** Grey level at and above which pixels are paper or show-through (undefined: nothing to clean). */
  paperLevel?: number;
}

/**
 * A line with less than this share of the page's print contrast (90th percentile of the lines': on
 * some receipts most detected lines are show-through, so the median would be one) is not print.
 */
const MIN_RELATIVE_CONTRAST = 0.3;
/** Keep this margin (grey levels) below the show-through's darkest ink when whitening. */
const WHITEN_MARGIN = 8;
/** Whitening is skipped unless it stays this far above the darkest real print; darker than paperLevel minus this is ink. */
const MIN_INK_GAP = 60;
/** Pixels this close to ink keep their grey. */
const INK_EDGE_PX = 2;

export function findShowThrough(levels: { dark: number; light: number }[]): ShowThrough {
  const contrasts = levels.map((l) => l.light - l.dark);
  const threshold = MIN_RELATIVE_CONTRAST * percentile(contrasts, 90, "higher");
  const faint = contrasts.map((c) => c < threshold);
  const faintDark = levels.filter((_, i) => faint[i]).map((l) => l.dark);
  const printDark = levels.filter((_, i) => !faint[i]).map((l) => l.dark);
  if (faintDark.length === 0 || printDark.length === 0) return { faint };
  const paperLevel = Math.min(...faintDark) - WHITEN_MARGIN;
  return { faint, paperLevel: paperLevel - median(printDark, "higher") >= MIN_INK_GAP ? paperLevel : undefined };
}

/**
 * Turns pixels at least as light as paperLevel white, except within a couple of pixels of real ink:
 * the light, antialiased edges of print (the tail of a comma, a small dot) must survive.
 */
export function whitenPaper(image: RgbImage, paperLevel: number): RgbImage {
  const { width, height } = image;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = (image.pixels[i * 3] + image.pixels[i * 3 + 1] + image.pixels[i * 3 + 2]) / 3;
  const inkLevel = paperLevel - MIN_INK_GAP;
  const nearInk = dilate(
    grey.map((v) => (v < inkLevel ? 1 : 0)),
    width,
    height,
    INK_EDGE_PX,
  );
  const pixels = Buffer.from(image.pixels);
  for (let i = 0; i < grey.length; i++) {
    if (grey[i] >= paperLevel && !nearInk[i]) pixels.fill(255, i * 3, i * 3 + 3);
  }
  return { pixels, width, height };
}

/** Pixels within radius (square) of a set pixel, as two separable running-window passes. */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const horizontal = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let hit = 0;
      for (let dx = -radius; dx <= radius && !hit; dx++) {
        const nx = x + dx;
        if (nx >= 0 && nx < width) hit = mask[y * width + nx];
      }
      horizontal[y * width + x] = hit;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let hit = 0;
      for (let dy = -radius; dy <= radius && !hit; dy++) {
        const ny = y + dy;
        if (ny >= 0 && ny < height) hit = horizontal[ny * width + x];
      }
      out[y * width + x] = hit;
    }
  }
  return out;
}
