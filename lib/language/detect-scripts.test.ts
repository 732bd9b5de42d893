import { describe, expect, it } from "vitest";
import { profileScripts, scriptOf, scriptShares } from "./detect-scripts";

describe("profileScripts", () => {
  it.each([
    ["Привет, как дела?", "Cyrillic"],
    ["Καλημέρα σας", "Greek"],
    ["שלום עולם", "Hebrew"],
    ["مرحبا بالعالم", "Arabic"],
    ["नमस्ते दुनिया", "Devanagari"],
    ["สวัสดีครับ", "Thai"],
    ["안녕하세요", "Hangul"],
    ["ひらがなです", "Hiragana"],
    ["カタカナ", "Katakana"],
    ["中华人民共和国", "Han"],
    ["Grüße aus Köln", "Latin"],
  ])("finds the script of %s", (text, script) => {
    expect(profileScripts(text).dominant).toBe(script);
  });

  it("counts letters and combining marks, not digits, punctuation or emoji", () => {
    const profile = profileScripts("123 !? 🙂🎉 —");
    expect(profile).toEqual({ counts: {}, letters: 0, dominant: null });
    // Thai vowel signs and Devanagari matras are combining marks of their own script.
    expect(profileScripts("ที่").counts.Thai).toBe(3);
    expect(profileScripts("की").counts.Devanagari).toBe(2);
  });

  it("reports every script of mixed Japanese text with its share", () => {
    const shares = scriptShares(profileScripts("東京タワーへ行きました"));
    expect(shares.map((s) => s.script).sort()).toEqual(["Han", "Hiragana", "Katakana"]);
    expect(shares.reduce((sum, s) => sum + s.proportion, 0)).toBeCloseTo(1, 2);
  });

  it("gives null for code points outside any listed script", () => {
    expect(scriptOf("5".codePointAt(0)!)).toBeNull();
    expect(scriptOf("😀".codePointAt(0)!)).toBeNull();
    expect(scriptOf("ß".codePointAt(0)!)).toBe("Latin");
  });
});
