import { minAreaRect, orderCorners, pointInConvexQuad, rectCorners, unclipRect, type Point, type Quad } from "./quad-geometry";

/**
 * DBNet post-processing (PaddleOCR's DBPostProcess, "quad" boxes, "fast" score): binarise the
 * probability map, take each 8-connected region, fit its minimum-area rectangle, score it by the
 * mean probability inside, grow it by the unclip ratio, and drop boxes that are too thin or too unsure.
 */

export interface BoxSettings {
  /** Pixels above this probability are text. */
  binaryThreshold: number;
  /** A region's mean probability inside its rectangle must reach this. */
  boxThreshold: number;
  unclipRatio: number;
  /** Shorter side (map pixels) below which a region is noise. */
  minSidePx: number;
  maxCandidates: number;
}

export interface FoundBox {
  /** Corners in the map's pixel coordinates, top-left first, clockwise. */
  quad: Quad;
  score: number;
}

export function findTextBoxes(probabilities: Float32Array, width: number, height: number, settings: BoxSettings): FoundBox[] {
  const regions = labelRegions(probabilities, width, height, settings.binaryThreshold);
  const boxes: FoundBox[] = [];
  for (const region of regions.slice(0, settings.maxCandidates)) {
    const rect = minAreaRect(region);
    if (Math.min(rect.width, rect.height) < settings.minSidePx) continue;
    const corners = orderCorners(rectCorners(rect));
    const score = meanInside(probabilities, width, height, corners);
    if (score < settings.boxThreshold) continue;
    const grown = unclipRect(rect, settings.unclipRatio);
    if (Math.min(grown.width, grown.height) < settings.minSidePx + 2) continue;
    boxes.push({ quad: orderCorners(rectCorners(grown)), score });
  }
  return boxes;
}

/**
 * 8-connected regions of the binarised map. Each region is returned as the leftmost and rightmost
 * pixel of each of its rows: that set has the same convex hull (and so the same rectangle) as the
 * region's contour, at a fraction of the points.
 */
function labelRegions(probabilities: Float32Array, width: number, height: number, threshold: number): Point[][] {
  const size = width * height;
  const labels = new Int32Array(size);
  const stack = new Int32Array(size);
  const regions: Point[][] = [];
  // Leftmost and rightmost x of each row of the region being filled (-1: row not reached), with the rows
  // reached, so each region resets only its own rows. Typed arrays, not Maps: this runs once per text pixel.
  const rowMin = new Int32Array(height).fill(-1);
  const rowMax = new Int32Array(height).fill(-1);
  const rowsReached = new Int32Array(height);
  let next = 0;
  for (let start = 0; start < size; start++) {
    if (labels[start] !== 0 || probabilities[start] <= threshold) continue;
    next++;
    labels[start] = next;
    let top = 0;
    let reached = 0;
    stack[top++] = start;
    while (top > 0) {
      const index = stack[--top];
      const x = index % width;
      const y = (index - x) / width;
      if (rowMin[y] === -1) {
        rowMin[y] = x;
        rowMax[y] = x;
        rowsReached[reached++] = y;
      } else if (x < rowMin[y]) rowMin[y] = x;
      else if (x > rowMax[y]) rowMax[y] = x;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const neighbour = ny * width + nx;
          if (labels[neighbour] === 0 && probabilities[neighbour] > threshold) {
            labels[neighbour] = next;
            stack[top++] = neighbour;
          }
        }
      }
    }
    const points: Point[] = [];
    for (let r = 0; r < reached; r++) {
      const y = rowsReached[r];
      points.push([rowMin[y], y]);
      if (rowMax[y] !== rowMin[y]) points.push([rowMax[y], y]);
      rowMin[y] = -1;
      rowMax[y] = -1;
    }
    regions.push(points);
  }
  return regions;
}

/** Mean probability over the map pixels whose centres fall inside the quad. */
function meanInside(probabilities: Float32Array, width: number, height: number, quad: Quad): number {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  let sum = 0;
  let count = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!pointInConvexQuad(x, y, quad)) continue;
      sum += probabilities[y * width + x];
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}
