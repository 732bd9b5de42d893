import { describe, expect, it } from "vitest";
import { findShowThrough, whitenPaper } from "./find-show-through";

describe("show-through on thin paper", () => {
  it("marks lines with a fraction of the page's print contrast as faint, and finds the paper level above their ink", () => {
    const print = { dark: 90, light: 245 };
    const faint = { dark: 222, light: 244 };
    const result = findShowThrough([print, print, faint, print, faint, faint, faint]);
    expect(result.faint).toEqual([false, false, true, false, true, true, true]);
    expect(result.paperLevel).toBe(214);
  });

  it("leaves a page without faint lines, or whose faint lines are nearly as dark as its print, alone", () => {
    expect(
      findShowThrough([
        { dark: 20, light: 240 },
        { dark: 40, light: 235 },
      ]),
    ).toEqual({ faint: [false, false] });
    const lowContrastPage = findShowThrough([
      { dark: 150, light: 240 },
      { dark: 200, light: 215 },
    ]);
    expect(lowContrastPage.faint).toEqual([false, true]);
    expect(lowContrastPage.paperLevel).toBeUndefined();
  });

  it("whitens light pixels but keeps those next to real ink", () => {
    const width = 10;
    const grey = [
      250,
      220,
      220,
      250,
      250,
      250,
      250,
      250,
      250,
      250, // show-through far from ink
      250,
      250,
      250,
      250,
      250,
      250,
      220,
      40,
      250,
      250, // a light edge beside ink
    ];
    const image = { width, height: 2, pixels: Buffer.from(grey.flatMap((v) => [v, v, v])) };
    const cleaned = whitenPaper(image, 214);
    const at = (x: number, y: number) => cleaned.pixels[(y * width + x) * 3];
    expect(at(1, 0)).toBe(255);
    expect(at(2, 0)).toBe(255);
    expect(at(16 % width, 1)).toBe(220);
    expect(at(7, 1)).toBe(40);
  });
});
