import { describe, expect, it } from "vitest";
import { characterErrorRate, levenshtein, lineAccuracy } from "./measure-text-errors";

describe("OCR error measures", () => {
  it("Levenshtein counts code points (an emoji is one)", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("a😀b", "ab")).toBe(1);
  });

  it("CER normalises whitespace and keeps case", () => {
    expect(characterErrorRate("The  quick\nfox", "The quick fox")).toBe(0);
    expect(characterErrorRate("the quick fox", "The quick fox")).toBeCloseTo(1 / 13, 10);
    expect(characterErrorRate("", "abc")).toBe(1);
  });

  it("line accuracy matches each reference line at most once", () => {
    const result = lineAccuracy("over the lazy fox.\nover the lazy fox.\nwrong", "over the lazy fox.\n\nover the lazy fox.\nright\n");
    expect(result).toEqual({ correct: 2, total: 3, accuracy: 2 / 3 });
  });
});
