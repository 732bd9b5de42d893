import { describe, expect, it } from "vitest";
import { confusableToLatin, latinToLookalike } from "./confusables";

describe("one look-alike table", () => {
  it("gives the language repair exactly the Cyrillic and Greek letters it had as tables of its own", () => {
    expect(latinToLookalike("Cyrillic")).toEqual({
      a: "а",
      c: "с",
      e: "е",
      i: "і",
      j: "ј",
      o: "о",
      p: "р",
      s: "ѕ",
      x: "х",
      y: "у",
      A: "А",
      B: "В",
      C: "С",
      E: "Е",
      H: "Н",
      I: "І",
      K: "К",
      M: "М",
      O: "О",
      P: "Р",
      T: "Т",
      X: "Х",
      Y: "У",
    });
    expect(latinToLookalike("Greek")).toEqual({
      o: "ο",
      A: "Α",
      B: "Β",
      E: "Ε",
      H: "Η",
      I: "Ι",
      K: "Κ",
      M: "Μ",
      N: "Ν",
      O: "Ο",
      P: "Ρ",
      T: "Τ",
      X: "Χ",
      Y: "Υ",
      Z: "Ζ",
    });
  });

  it("folds every look-alike it plants back to the letter it replaced", () => {
    for (const script of ["Cyrillic", "Greek"] as const)
      for (const [latin, lookalike] of Object.entries(latinToLookalike(script))) {
        expect(lookalike).not.toBe(latin);
        expect(confusableToLatin.get(lookalike)).toBe(latin);
      }
  });
});
