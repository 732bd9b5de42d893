import { describe, expect, it } from "vitest";
import { carryDirections } from "./carry-directions";
import type { Quad } from "./quad-geometry";

const line: Quad = [
  [10, 10],
  [90, 10],
  [90, 30],
  [10, 30],
];
const turned: Quad = [line[2], line[3], line[0], line[1]];
const quarter: Quad = [line[1], line[2], line[3], line[0]];

describe("carryDirections", () => {
  it("keeps the answer for the same crop, complements it for the crop turned by 180 degrees, without classifying", async () => {
    const asked: number[][] = [];
    const result = await carryDirections([line, line], [line, turned], [{ upsideDownProbability: 0.1 }, { upsideDownProbability: 0.95 }], async (indices) => {
      asked.push(indices);
      return [];
    });
    expect(result[0].upsideDownProbability).toBe(0.1);
    expect(result[1].upsideDownProbability).toBeCloseTo(0.05, 10);
    expect(asked).toEqual([]);
  });

  it("classifies again only the lines whose reading corner moved by a quarter", async () => {
    const asked: number[][] = [];
    const result = await carryDirections(
      [line, line, line],
      [line, quarter, turned],
      [{ upsideDownProbability: 0.2 }, { upsideDownProbability: 0.3 }, { upsideDownProbability: 0.4 }],
      async (indices) => {
        asked.push(indices);
        return indices.map(() => ({ upsideDownProbability: 0.77 }));
      },
    );
    expect(asked).toEqual([[1]]);
    expect(result.map((d) => d.upsideDownProbability)).toEqual([0.2, 0.77, 1 - 0.4]);
  });
});
