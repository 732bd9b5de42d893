import { describe, expect, it } from "vitest";
import { axisBox, convexHull, minAreaRect, orderCorners, pointInConvexQuad, quadSize, rectCorners, unclipRect, type Point } from "./quad-geometry";

describe("quad geometry", () => {
  it("finds the convex hull of a square with interior points", () => {
    const hull = convexHull([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 5],
      [3, 7],
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(
      expect.arrayContaining([
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
      ]),
    );
  });

  it("fits the minimum-area rectangle of an axis-aligned and of a 30-degree-tilted rectangle", () => {
    const upright = minAreaRect([
      [0, 0],
      [40, 0],
      [40, 10],
      [0, 10],
      [20, 5],
    ]);
    expect(upright.width * upright.height).toBeCloseTo(400, 5);
    const angle = Math.PI / 6;
    const tilted: Point[] = [
      [0, 0],
      [40, 0],
      [40, 10],
      [0, 10],
    ].map(([x, y]) => [x * Math.cos(angle) - y * Math.sin(angle) + 100, x * Math.sin(angle) + y * Math.cos(angle) + 50]);
    const rect = minAreaRect(tilted);
    expect(rect.width * rect.height).toBeCloseTo(400, 3);
    expect(Math.max(rect.width, rect.height)).toBeCloseTo(40, 3);
    // Its corners are the input corners, in PaddleOCR's order.
    const corners = orderCorners(rectCorners(rect));
    for (const corner of tilted) expect(corners.some(([x, y]) => Math.hypot(x - corner[0], y - corner[1]) < 1e-6)).toBe(true);
  });

  it("orders corners top-left, top-right, bottom-right, bottom-left", () => {
    expect(
      orderCorners([
        [10, 10],
        [0, 0],
        [0, 10],
        [10, 0],
      ]),
    ).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]);
  });

  it("unclips by area * ratio / perimeter on every side (DBNet's shrink undone)", () => {
    const grown = unclipRect({ center: [0, 0], width: 100, height: 10, axis: [1, 0] }, 1.5);
    // distance = 1000 * 1.5 / 220 = 6.82: each side moves out by it.
    expect(grown.width).toBeCloseTo(100 + 2 * (1500 / 220), 6);
    expect(grown.height).toBeCloseTo(10 + 2 * (1500 / 220), 6);
  });

  it("measures quads and boxes, and tests points against a convex quad", () => {
    const quad: [Point, Point, Point, Point] = [
      [0, 0],
      [30, 0],
      [30, 10],
      [0, 12],
    ];
    expect(quadSize(quad)).toEqual({ width: Math.hypot(30, 2), height: 12 });
    expect(axisBox(quad)).toEqual({ x: 0, y: 0, width: 30, height: 12 });
    expect(pointInConvexQuad(15, 5, quad)).toBe(true);
    expect(pointInConvexQuad(31, 5, quad)).toBe(false);
  });
});
