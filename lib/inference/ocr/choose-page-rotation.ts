import { quadSize, type Quad } from "./quad-geometry";
import type { QuarterTurns } from "./rgb-image";

/**
 * Whole-page orientation from two signals the pipeline already has. DBNet finds text lines on a
 * page turned by 90 degrees too, but they come out tall and narrow: the share of line length in
 * vertical boxes says "sideways". The direction classifier then says, per line, whether the crop as
 * read is upside down; the length-weighted vote of all lines picks between the two remaining
 * orientations. Crops of tall boxes are read turned a quarter counter-clockwise (see readingQuad),
 * so "vertical and upright" means the page must be turned counter-clockwise.
 */

export interface PageVotes {
  /** Share (0..1) of line length that runs vertically. */
  verticalShare: number;
  /** Length-weighted mean probability that the crops, as read, are upside down. */
  upsideDownShare: number;
}

/** Boxes shorter than this many times their thickness say nothing about orientation (single glyphs). */
const MIN_ELONGATION = 2;

export function pageVotes(quads: Quad[], upsideDownProbabilities: number[]): PageVotes {
  let vertical = 0;
  let horizontal = 0;
  let flipWeighted = 0;
  let weightSum = 0;
  quads.forEach((quad, i) => {
    const xs = quad.map((p) => p[0]);
    const ys = quad.map((p) => p[1]);
    const spanX = Math.max(...xs) - Math.min(...xs);
    const spanY = Math.max(...ys) - Math.min(...ys);
    const { width, height } = quadSize(quad);
    const length = Math.max(width, height);
    if (length >= MIN_ELONGATION * Math.min(width, height)) {
      if (spanY > spanX) vertical += length;
      else horizontal += length;
    }
    flipWeighted += length * upsideDownProbabilities[i];
    weightSum += length;
  });
  return {
    verticalShare: vertical + horizontal === 0 ? 0 : vertical / (vertical + horizontal),
    upsideDownShare: weightSum === 0 ? 0 : flipWeighted / weightSum,
  };
}

/** Clockwise quarter turns that bring the page upright. */
export function quarterTurnsFromVotes(votes: PageVotes): QuarterTurns {
  const sideways = votes.verticalShare > 0.5;
  const upsideDown = votes.upsideDownShare > 0.5;
  if (sideways) return upsideDown ? 1 : 3;
  return upsideDown ? 2 : 0;
}

/** Whether the vote is too close to trust without a second opinion (recognition confidence). */
export function isUncertain(votes: PageVotes): boolean {
  return Math.abs(votes.upsideDownShare - 0.5) < 0.2;
}
