import { describe, expect, it } from "vitest";
import { findIbans, isValidIban } from "./validate-iban";

describe("IBAN", () => {
  it("accepts valid IBANs (mod 97 = 1) and rejects one changed digit or a wrong length", () => {
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isValidIban("DE89 3704 0044 0532 0130 01")).toBe(false);
    expect(isValidIban("DE89 3704 0044 0532 0130")).toBe(false);
  });

  it("finds an IBAN in a line and stops before the word after it", () => {
    expect(findIbans("IBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX")).toEqual([
      { iban: "DE89370400440532013000", index: 6, raw: "DE89 3704 0044 0532 0130 00" },
    ]);
    expect(findIbans("G-ID DE6722200000169386")).toEqual([]);
  });
});
