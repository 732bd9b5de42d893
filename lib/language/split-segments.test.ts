import { describe, expect, it } from "vitest";
import { splitSegments } from "./split-segments";

describe("splitSegments", () => {
  it("splits lines and sentences, trimming whitespace, with offsets into the text", () => {
    const text = "  Guten Morgen. Wie geht es?\n\nI am fine, thanks.  ";
    const spans = splitSegments(text);
    expect(spans.map((s) => s.text)).toEqual(["Guten Morgen.", "Wie geht es?", "I am fine, thanks."]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it("splits a sentence where the writing system changes and both sides are long enough", () => {
    const spans = splitSegments("東京は日本の首都です and it is a very large city");
    expect(spans.map((s) => s.text)).toEqual(["東京は日本の首都です", "and it is a very large city"]);
  });

  it("keeps a short foreign run (a brand, a name) inside its sentence", () => {
    expect(splitSegments("新しいiPhoneを買いました").map((s) => s.text)).toEqual(["新しいiPhoneを買いました"]);
    expect(splitSegments("Я купил новый MacBook вчера вечером").length).toBe(1);
  });

  it("keeps Han with kana (Japanese) and with Hangul (Korean) in one run", () => {
    expect(splitSegments("日本語の文章です").length).toBe(1);
    expect(splitSegments("大韓民國 헌법 제1조").length).toBe(1);
  });

  it("handles astral characters and empty input", () => {
    const text = "𠮷野家で食べた 🍜 and then we walked home together";
    for (const span of splitSegments(text)) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(splitSegments("")).toEqual([]);
    expect(splitSegments(" \n\t ")).toEqual([]);
  });
});
