import { describe, expect, it } from "vitest";
import { documentCurrency, findAmounts, parseNumber } from "./parse-amounts";

describe("amounts", () => {
  it("parses decimal comma and point with thousands separators", () => {
    expect(parseNumber("1.234,56")).toBe(1234.56);
    expect(parseNumber("1,234.56")).toBe(1234.56);
    expect(parseNumber("1 234,56")).toBe(1234.56);
    expect(parseNumber("-2,84")).toBe(-2.84);
  });

  it("finds amounts with the currency before or after them, in symbols or codes", () => {
    const found = findAmounts("EUR 19,90 | 49.99 € | $43,456.78 | £3.50 | 12,00 CHF | 7,16");
    expect(found.map((a) => [a.amount, a.currency])).toEqual([
      [19.9, "EUR"],
      [49.99, "EUR"],
      [43456.78, "USD"],
      [3.5, "GBP"],
      [12, "CHF"],
      [7.16, undefined],
    ]);
  });

  it("needs two decimals: quantities, percentages and integers are no amounts; OCR debris around a price is", () => {
    expect(findAmounts("SEKT 0,2 L, 12.5%, C 7,00%, 19.00 %, 2 x, Artikel 50319963")).toEqual([]);
    expect(findAmounts("8,83esi").map((a) => a.amount)).toEqual([8.83]);
    expect(findAmounts("1,64 0,31 1,95").map((a) => a.amount)).toEqual([1.64, 0.31, 1.95]);
  });

  it("takes the document's currency from its most frequent currency token", () => {
    expect(documentCurrency("EUR\nSumme 7,16\nBar EUR 10,00")).toBe("EUR");
    expect(documentCurrency("Total 7.16")).toBeUndefined();
  });
});
