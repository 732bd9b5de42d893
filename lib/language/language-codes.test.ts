import { describe, expect, it } from "vitest";
import { isIso6391Code, languageName, normalizeCld3Code, normalizeFastTextLabel } from "./language-codes";

describe("language codes", () => {
  it("maps CLD3's legacy and romanised codes to ISO 639-1", () => {
    expect(normalizeCld3Code("iw")).toBe("he");
    expect(normalizeCld3Code("ja-Latn")).toBe("ja");
    expect(normalizeCld3Code("fil")).toBe("tl");
    expect(normalizeCld3Code("de")).toBe("de");
  });

  it("maps fastText labels, folding individual languages into their macrolanguage", () => {
    expect(normalizeFastTextLabel("__label__de")).toBe("de");
    expect(normalizeFastTextLabel("__label__yue")).toBe("zh");
    expect(normalizeFastTextLabel("__label__arz")).toBe("ar");
    expect(normalizeFastTextLabel("__label__ceb")).toBe("ceb");
  });

  it("names languages in English", () => {
    expect(languageName("de")).toBe("German");
    expect(languageName("und")).toBeNull();
  });

  it("accepts current ISO 639-1 codes only", () => {
    for (const code of ["de", "en", "zh", "sw", "tl"]) expect(isIso6391Code(code), code).toBe(true);
    for (const code of ["xx", "DE", "deu", "iw", "d", "", "en-US"]) expect(isIso6391Code(code), code).toBe(false);
  });
});
