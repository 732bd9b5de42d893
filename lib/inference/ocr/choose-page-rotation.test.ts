import { describe, expect, it } from "vitest";
import { isUncertain, pageVotes, quarterTurnsFromVotes } from "./choose-page-rotation";
import type { Quad } from "./quad-geometry";

const wide: Quad = [
  [0, 0],
  [200, 0],
  [200, 20],
  [0, 20],
];
const tall: Quad = [
  [0, 0],
  [20, 0],
  [20, 200],
  [0, 200],
];
const glyph: Quad = [
  [0, 0],
  [20, 0],
  [20, 25],
  [0, 25],
];

describe("page rotation from line shapes and direction votes", () => {
  it("upright and upside-down pages", () => {
    expect(quarterTurnsFromVotes(pageVotes([wide, wide], [0.01, 0.1]))).toBe(0);
    expect(quarterTurnsFromVotes(pageVotes([wide, wide], [0.99, 0.95]))).toBe(2);
  });

  it("sideways pages: tall lines; the classifier on the crops picks the direction", () => {
    // Tall crops are read turned counter-clockwise: upright crops mean the page must turn counter-clockwise (3 turns).
    expect(quarterTurnsFromVotes(pageVotes([tall, tall, glyph], [0.02, 0.05, 0.5]))).toBe(3);
    expect(quarterTurnsFromVotes(pageVotes([tall, tall], [0.97, 0.99]))).toBe(1);
  });

  it("weights votes by line length, ignores single glyphs for the shape, and flags close votes", () => {
    const votes = pageVotes([wide, glyph, glyph, glyph], [0.0, 1, 1, 1]);
    expect(votes.verticalShare).toBe(0);
    expect(votes.upsideDownShare).toBeCloseTo(75 / 275, 5);
    expect(isUncertain(votes)).toBe(false);
    expect(isUncertain(pageVotes([wide, wide], [0.9, 0.2]))).toBe(true);
  });
});
