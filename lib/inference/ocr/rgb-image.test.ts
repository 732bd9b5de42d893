import { describe, expect, it } from "vitest";
import { rotateImage, turnPoint, unturnPoint, type QuarterTurns } from "./rgb-image";

// A 3x2 image whose pixels carry their own index in the red channel.
const image = { width: 3, height: 2, pixels: Buffer.from([0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 5, 0, 0]) };
const red = (img: { pixels: Buffer }) => [...img.pixels].filter((_, i) => i % 3 === 0);

describe("rotateImage and point mapping", () => {
  it("turns pixels clockwise by quarter turns", () => {
    // 0 1 2      turned 90:  3 0      180:  5 4 3      270:  2 5
    // 3 4 5                  4 1            2 1 0            1 4
    //                        5 2                             0 3
    expect(red(rotateImage(image, 1))).toEqual([3, 0, 4, 1, 5, 2]);
    expect(red(rotateImage(image, 2))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(red(rotateImage(image, 3))).toEqual([2, 5, 1, 4, 0, 3]);
    expect(rotateImage(image, 1)).toMatchObject({ width: 2, height: 3 });
  });

  it("maps points into the turned image and back", () => {
    for (const turns of [0, 1, 2, 3] as QuarterTurns[]) {
      const there = turnPoint([2.5, 0.5], turns, 3, 2);
      expect(unturnPoint(there, turns, 3, 2)).toEqual([2.5, 0.5]);
    }
    // The centre of pixel (2, 0) (red 2) lands on the centre of pixel (1, 2) after one turn.
    expect(turnPoint([2.5, 0.5], 1, 3, 2)).toEqual([1.5, 2.5]);
  });
});
