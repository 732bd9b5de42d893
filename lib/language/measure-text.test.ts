import { describe, expect, it } from "vitest";
import { measureText } from "./measure-text";

describe("measureText", () => {
  it("segments Thai words with the dictionary, not on spaces", () => {
    const text = "ผมชอบกินข้าวผัดมาก";
    const stats = measureText(text, [{ start: 0, end: text.length, language: "th" }]);
    expect(stats.words).toBeGreaterThanOrEqual(4);
    expect(text.split(/\s+/).length).toBe(1);
  });

  it("segments Chinese and Japanese into words", () => {
    const zh = "我们今天去北京大学";
    expect(measureText(zh, [{ start: 0, end: zh.length, language: "zh" }]).words).toBeGreaterThanOrEqual(3);
    const ja = "私は東京に住んでいます";
    expect(measureText(ja, [{ start: 0, end: ja.length, language: "ja" }]).words).toBeGreaterThanOrEqual(4);
  });

  it("counts graphemes, code points, sentences, lines and average word length", () => {
    const text = "Hello world. How are you?\nFine 👩‍💻!";
    const stats = measureText(text);
    expect(stats.words).toBe(6);
    expect(stats.sentences).toBe(3);
    expect(stats.lines).toBe(2);
    // The technologist emoji is one grapheme made of three code points.
    expect(stats.codePoints - stats.characters).toBe(2);
    expect(stats.averageWordLength).toBeCloseTo((5 + 5 + 3 + 3 + 3 + 4) / 6, 2);
    expect(stats.scripts).toEqual([{ script: "Latin", characters: 23, proportion: 1 }]);
  });

  it("reports words per language from the segments", () => {
    const text = "Guten Tag. Good day to you.";
    const stats = measureText(text, [
      { start: 0, end: 10, language: "de" },
      { start: 11, end: text.length, language: "en" },
    ]);
    expect(stats.byLanguage).toEqual([
      { language: "en", words: 4, characters: 16 },
      { language: "de", words: 2, characters: 10 },
    ]);
  });

  it("has zero words for emoji-only text", () => {
    expect(measureText("🙂🙂🎉")).toMatchObject({ words: 0, letters: 0, characters: 3, averageWordLength: 0 });
  });
});
