import { describe, expect, it } from "vitest";
import { identifyLanguage } from "./identify-language";

// Real models (CLD3 and fastText lid.176 from the installed npm packages), no stand-ins.
describe("identifyLanguage", () => {
  it.each([
    ["Die Katze sitzt auf der Matte und schläft in der Sonne.", "de", "Latin"],
    ["The quick brown fox jumps over the lazy dog near the river bank.", "en", "Latin"],
    ["Москва — столица России и крупнейший город страны.", "ru", "Cyrillic"],
    ["Київ є столицею та найбільшим містом України.", "uk", "Cyrillic"],
    ["Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", "el", "Greek"],
    ["ירושלים היא עיר הבירה של מדינת ישראל.", "he", "Hebrew"],
    ["القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها.", "ar", "Arabic"],
    ["تهران پایتخت و بزرگ‌ترین شهر ایران است.", "fa", "Arabic"],
    ["東京は日本の首都であり、最大の都市です。", "ja", "Han"],
    ["北京是中华人民共和国的首都。", "zh", "Han"],
    ["서울은 대한민국의 수도이다.", "ko", "Hangul"],
    ["กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย", "th", "Thai"],
    ["नई दिल्ली भारत की राजधानी है।", "hi", "Devanagari"],
  ])("identifies %s", async (text, language, script) => {
    const result = await identifyLanguage(text);
    expect(result).toMatchObject({ language, script, reliable: true });
    expect(result.confidence).toBeGreaterThan(0.6);
    expect(result.reason).toBeUndefined();
  });

  it("reports what each model said and the ranked candidates", async () => {
    const result = await identifyLanguage("Het weer is vandaag erg mooi in Amsterdam.");
    expect(result.language).toBe("nl");
    expect(result.name).toBe("Dutch");
    expect(result.votes.fasttext?.language).toBe("nl");
    // CLD3 alone reads this sentence as Afrikaans; the ensemble follows fastText's clearer answer.
    expect(result.votes.cld3).toEqual({ language: expect.any(String), probability: expect.any(Number) });
    expect(result.candidates[0]).toMatchObject({ language: "nl", name: "Dutch" });
  });

  it("says a too-short text cannot be told reliably", async () => {
    for (const text of ["ok", "Hi", "si", "a b"]) {
      const result = await identifyLanguage(text);
      expect(result.reliable, text).toBe(false);
      expect(result.reason, text).toBe("too_short");
      expect(result.detail).toMatch(/letters|short/);
    }
  });

  it("answers emoji-only, digit-only and empty text with und, not an error", async () => {
    for (const text of ["🙂🎉👍", "12345 678", "", "   ", "!!! ???"]) {
      const result = await identifyLanguage(text);
      expect(result, JSON.stringify(text)).toMatchObject({ language: "und", name: null, script: null, confidence: 0, reliable: false, reason: "no_letters" });
    }
  });

  it("ignores control characters (a NUL must not cut the text short)", async () => {
    const result = await identifyLanguage("Bonjour\u0000 tout le monde,\u0007 comment allez-vous aujourd'hui ?");
    expect(result).toMatchObject({ language: "fr", reliable: true });
  });

  it("identifies one word in a script that names its language", async () => {
    for (const [text, language] of [
      ["안녕", "ko"],
      ["ありがとう", "ja"],
      ["ขอบคุณ", "th"],
    ]) {
      expect(await identifyLanguage(text), text).toMatchObject({ language, reliable: true });
    }
  });

  it("flags a close race between related languages as ambiguous", async () => {
    const result = await identifyLanguage("Saya tidak tahu");
    expect(["id", "ms"]).toContain(result.language);
    expect(result.reliable).toBe(false);
    expect(["ambiguous", "too_short"]).toContain(result.reason);
  });

  it("sees through Latin look-alike letters in Ukrainian", async () => {
    // Latin "i" typed for Ukrainian "і" made both models read Russian before the repair.
    const result = await identifyLanguage("Твiй Син воскрес на третiй день");
    expect(result.language).toBe("uk");
  });
});
