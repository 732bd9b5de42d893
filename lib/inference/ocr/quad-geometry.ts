/**
 * Plane geometry for text boxes: convex hull, minimum-area rectangle (what OpenCV's minAreaRect
 * gives PaddleOCR), corner ordering, and the unclip that grows DBNet's shrunk text kernels back to
 * the full text line. Pure functions, no image data.
 */

export type Point = [number, number];
/** Four corners in reading order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export interface AxisBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Andrew's monotone chain; returns the hull counter-clockwise in image coordinates, no repeated point. */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length <= 2) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  center: Point;
  /** Side lengths along `axis` and perpendicular to it. */
  width: number;
  height: number;
  /** Unit vector of the `width` side. */
  axis: Point;
}

/** Minimum-area enclosing rectangle by rotating calipers over the hull's edges. */
export function minAreaRect(points: Point[]): RotatedRect {
  const hull = convexHull(points);
  if (hull.length === 1) return { center: [...hull[0]] as Point, width: 0, height: 0, axis: [1, 0] };
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % hull.length];
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length === 0) continue;
    const ux = (b[0] - a[0]) / length;
    const uy = (b[1] - a[1]) / length;
    let minU = Infinity,
      maxU = -Infinity,
      minV = Infinity,
      maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { center: [cu * ux - cv * uy, cu * uy + cv * ux], width: maxU - minU, height: maxV - minV, axis: [ux, uy] };
    }
  }
  return best!;
}

export function rectCorners(rect: RotatedRect): Point[] {
  const [cx, cy] = rect.center;
  const [ux, uy] = rect.axis;
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  return [
    [cx - ux * hw + uy * hh, cy - uy * hw - ux * hh],
    [cx + ux * hw + uy * hh, cy + uy * hw - ux * hh],
    [cx + ux * hw - uy * hh, cy + uy * hw + ux * hh],
    [cx - ux * hw - uy * hh, cy - uy * hw + ux * hh],
  ];
}

/**
 * PaddleOCR's corner order (get_mini_boxes): of the two leftmost corners the upper is top-left, of
 * the two rightmost the upper is top-right.
 */
export function orderCorners(corners: Point[]): Quad {
  const byX = [...corners].sort((a, b) => a[0] - b[0]);
  const [l1, l2, r1, r2] = byX;
  const [topLeft, bottomLeft] = l1[1] <= l2[1] ? [l1, l2] : [l2, l1];
  const [topRight, bottomRight] = r1[1] <= r2[1] ? [r1, r2] : [r2, r1];
  return [topLeft, topRight, bottomRight, bottomLeft];
}

/**
 * DBNet predicts a shrunk kernel of each text region; it is grown back by offsetting the polygon by
 * area * ratio / perimeter. For a rectangle the rounded offset's bounding rectangle is exact, so no
 * polygon clipper is needed.
 */
export function unclipRect(rect: RotatedRect, ratio: number): RotatedRect {
  const perimeter = 2 * (rect.width + rect.height);
  if (perimeter === 0) return rect;
  const distance = (rect.width * rect.height * ratio) / perimeter;
  return { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
}

/** Longer of the two opposite sides, as PaddleOCR sizes its line crops. */
export function quadSize(quad: Quad): { width: number; height: number } {
  const d = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return {
    width: Math.max(d(quad[0], quad[1]), d(quad[2], quad[3])),
    height: Math.max(d(quad[0], quad[3]), d(quad[1], quad[2])),
  };
}

export function axisBox(points: readonly Point[]): AxisBox {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function pointInConvexQuad(x: number, y: number, quad: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < quad.length; i++) {
    const [ax, ay] = quad[i];
    const [bx, by] = quad[(i + 1) % quad.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}
