import { describe, expect, it } from "vitest";
import { sanitizeText } from "./sanitize-text";

describe("sanitizeText", () => {
  it("removes control characters but keeps tabs and newlines", () => {
    expect(sanitizeText("a\u0000b\u0007c\td\ne\u007f\u0085f")).toEqual({ text: "abc\td\nef", removedCharacters: 4 });
  });

  it("removes bidi overrides and byte-order marks (Trojan Source text)", () => {
    expect(sanitizeText("\ufeffadmin\u202e\u2066txt.exe\u2069")).toEqual({ text: "admintxt.exe", removedCharacters: 4 });
  });

  it("normalises line breaks, lone surrogates and composition", () => {
    expect(sanitizeText("a\r\nb\rc").text).toBe("a\nb\nc");
    expect(sanitizeText("x\ud800y").text).toBe("x\ufffdy");
    expect(sanitizeText("e\u0301").text).toBe("é");
  });

  it("keeps zero-width joiners that Persian and emoji need", () => {
    const text = "می\u200cخواهم 👩\u200d💻";
    expect(sanitizeText(text)).toEqual({ text, removedCharacters: 0 });
  });
});
