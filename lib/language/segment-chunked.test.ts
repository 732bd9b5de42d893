import { describe, expect, it } from "vitest";
import { findCut, segmentChunked } from "./segment-chunked";

const whole = (segmenter: Intl.Segmenter, text: string) =>
  [...segmenter.segment(text)].map((s) => ({ segment: s.segment, index: s.index, isWordLike: s.isWordLike }));

describe("segmentChunked", () => {
  const text =
    "Guten Morgen! Wie geht's? 👩‍👩‍👧 Family emoji, flags 🇩🇪🇫🇷 and é (e + accent).\n" +
    "東京は日本の首都です。 Москва — столица России. " +
    "ผมชอบกินข้าวผัดกับต้มยำกุ้งมาก".repeat(3);

  it("keeps the graphemes, words and sentence boundaries of segmenting the whole text", () => {
    for (const granularity of ["grapheme", "word", "sentence"] as const) {
      const segmenter = new Intl.Segmenter("en", { granularity });
      const chunked = [...segmentChunked(segmenter, text, 40)].map((s) => ({ ...s }));
      const reference = whole(segmenter, text);
      if (granularity === "word") {
        // Cuts fall after spaces, so only the unspaced Thai tail may split differently.
        const spaced = text.lastIndexOf(" ");
        expect(chunked.filter((s) => s.index < spaced)).toEqual(reference.filter((s) => s.index < spaced));
      } else if (granularity === "sentence") {
        // A chunk with no sentence end is cut after a space: every true boundary is kept, a few are added.
        const boundaries = new Set(chunked.map((s) => s.index));
        for (const s of reference) expect(boundaries.has(s.index), s.segment).toBe(true);
      } else expect(chunked).toEqual(reference);
      expect(chunked.map((s) => s.segment).join("")).toBe(text);
    }
  });

  it("never cuts inside a surrogate pair, before a combining mark or after a joiner", () => {
    const emoji = "😀".repeat(100);
    for (let size = 3; size < 20; size++) expect(findCut(emoji, 0, size) % 2).toBe(0);
    const marks = "e\u0301".repeat(50);
    for (let size = 3; size < 20; size++) expect(marks[findCut(marks, 0, size)]).toBe("e");
  });
});
