import { describe, expect, it } from "vitest";
import { ctcDecode } from "./ctc-decode";

// Symbols as in PaddleOCR: dictionary lines, then the appended space; class 0 is the blank.
const symbols = ["a", "b", "c", " "];
const classes = symbols.length + 1;

function steps(best: number[], probability = 0.9): Float32Array {
  const data = new Float32Array(best.length * classes).fill((1 - probability) / (classes - 1));
  best.forEach((c, t) => (data[t * classes + c] = probability));
  return data;
}

describe("ctcDecode", () => {
  it("collapses repeats, drops blanks, keeps a repeat separated by a blank, maps the last class to a space", () => {
    // a a _ a b b _ space c  ->  "aab c"
    const decoded = ctcDecode(steps([1, 1, 0, 1, 2, 2, 0, 4, 3]), 9, classes, symbols);
    expect(decoded.text).toBe("aab c");
    expect(decoded.confidence).toBeCloseTo(0.9, 5);
  });

  it("reads the n-th item of a batch and gives confidence 0 when only blanks were seen", () => {
    const batch = new Float32Array([...steps([0, 0, 0]), ...steps([3, 0, 1])]);
    expect(ctcDecode(batch, 3, classes, symbols, 0)).toEqual({ text: "", confidence: 0 });
    expect(ctcDecode(batch, 3, classes, symbols, 1).text).toBe("ca");
  });

  it("decodes only the steps asked for, so a line's padding in a wider batch is not read", () => {
    const batch = new Float32Array([...steps([1, 0, 2, 0]), ...steps([3, 0, 1, 2])]);
    expect(ctcDecode(batch, 4, classes, symbols, 1, 2).text).toBe("c");
    expect(ctcDecode(batch, 4, classes, symbols, 1).text).toBe("cab");
  });
});
