import { describe, expect, it } from "vitest";
import { repairHomoglyphs } from "./repair-homoglyphs";

describe("repairHomoglyphs", () => {
  it("replaces Latin look-alikes inside Cyrillic words", () => {
    expect(repairHomoglyphs("Твiй Син")).toBe("Твій Син");
    expect(repairHomoglyphs("пpивет")).toBe("привет");
  });

  it("replaces a lone look-alike word between Cyrillic words", () => {
    expect(repairHomoglyphs("хліб i вода")).toBe("хліб і вода");
  });

  it("repairs Greek words with Latin capitals", () => {
    expect(repairHomoglyphs("AΘHNA")).toBe("ΑΘΗΝΑ");
  });

  it("leaves Latin words and real mixed text alone", () => {
    expect(repairHomoglyphs("I went to Москва in May")).toBe("I went to Москва in May");
    expect(repairHomoglyphs("plain English text")).toBe("plain English text");
    // "Wifi" has letters with no Cyrillic look-alike, so it is a real Latin word.
    expect(repairHomoglyphs("роутер Wifi дома")).toBe("роутер Wifi дома");
  });
});
