import { describe, expect, it } from "vitest";
import { extractTerms, singular } from "./extract-terms";

describe("extractTerms", () => {
  it("keeps content words with offsets and drops function and picture words", () => {
    const text = "A photo of two dogs playing on the grass";
    const terms = extractTerms(text);
    expect(terms.map((t) => t.term)).toEqual(["dog", "grass"]);
    expect(terms[0]).toMatchObject({ surface: "dogs", count: 2 });
    expect(text.slice(terms[1].start, terms[1].end)).toBe("grass");
  });

  it("recognises known two-word names as one term", () => {
    const terms = extractTerms("Three hot dogs and a teddy bear", new Set(["hot dog", "teddy bear"]));
    expect(terms.map((t) => t.term)).toEqual(["hot dog", "teddy bear"]);
    expect(terms[0].count).toBe(3);
  });

  it("handles punctuation, digits, unicode and empty input", () => {
    expect(extractTerms("")).toEqual([]);
    expect(extractTerms("!!! ... ???")).toEqual([]);
    expect(extractTerms("3 cats, café; naïve").map((t) => t.term)).toEqual(["cat", "café", "naïve"]);
  });

  it("reads black and white as one description of the picture", () => {
    expect(extractTerms("A black and white photo of a black cat").map((t) => t.term)).toEqual(["black-and-white", "black", "cat"]);
  });

  it("singularises common plurals", () => {
    expect(["dogs", "puppies", "boxes", "people", "glass", "bus"].map(singular)).toEqual(["dog", "puppy", "box", "person", "glass", "bus"]);
  });
});
