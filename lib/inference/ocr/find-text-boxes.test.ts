import { describe, expect, it } from "vitest";
import { findTextBoxes } from "./find-text-boxes";
import { detectionSettings } from "./ocr-settings";
import { quadSize } from "./quad-geometry";

function mapWith(width: number, height: number, paint: (x: number, y: number) => number): Float32Array {
  const map = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) map[y * width + x] = paint(x, y);
  return map;
}

describe("findTextBoxes (DBNet post-processing)", () => {
  it("turns two separate text kernels into two grown boxes, each scored by its mean probability", () => {
    const map = mapWith(200, 100, (x, y) => ((x >= 20 && x < 120 && y >= 20 && y < 30) || (x >= 30 && x < 90 && y >= 60 && y < 68) ? 0.9 : 0.05));
    const boxes = findTextBoxes(map, 200, 100, detectionSettings).sort((a, b) => a.quad[0][1] - b.quad[0][1]);
    expect(boxes).toHaveLength(2);
    expect(boxes[0].score).toBeCloseTo(0.9, 2);
    const first = quadSize(boxes[0].quad);
    // Kernel 99 x 9 (pixel centres), grown by 99*9*1.5/216 = 6.19 per side.
    expect(first.width).toBeCloseTo(99 + 2 * ((99 * 9 * 1.5) / 216), 4);
    expect(first.height).toBeCloseTo(9 + 2 * ((99 * 9 * 1.5) / 216), 4);
    expect(boxes[0].quad[0][0]).toBeLessThan(20);
    expect(boxes[0].quad[2][0]).toBeGreaterThan(119);
  });

  it("keeps a tilted line tilted", () => {
    const angle = (10 * Math.PI) / 180;
    const map = mapWith(300, 150, (x, y) => {
      const u = (x - 150) * Math.cos(angle) + (y - 75) * Math.sin(angle);
      const v = -(x - 150) * Math.sin(angle) + (y - 75) * Math.cos(angle);
      return Math.abs(u) < 100 && Math.abs(v) < 6 ? 0.95 : 0;
    });
    const [box] = findTextBoxes(map, 300, 150, detectionSettings);
    const [topLeft, topRight] = box.quad;
    expect(Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]) * (180 / Math.PI)).toBeCloseTo(10, 0);
  });

  it("drops specks thinner than the minimum side and regions the model is unsure of", () => {
    const map = mapWith(100, 100, (x, y) => {
      if (x >= 10 && x < 60 && y === 10) return 0.9; // one row: a rule line, not text
      if (x >= 10 && x < 60 && y >= 40 && y < 50) return 0.35; // above the binary threshold, below the box threshold
      return 0;
    });
    expect(findTextBoxes(map, 100, 100, detectionSettings)).toEqual([]);
  });
});
