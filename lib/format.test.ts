import { describe, expect, it } from "vitest";
import { formatMs, formatNumber, formatPercent, MISSING, orMissing } from "./format";

describe("one way to write figures", () => {
  it("writes shares as percentages with the digits asked for", () => {
    expect(formatPercent(0.1234)).toBe("12%");
    expect(formatPercent(0.1234, 1)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
  });

  it("writes milliseconds rounded to the digits asked for", () => {
    expect(formatMs(12.6)).toBe("13 ms");
    expect(formatMs(12.34, 1)).toBe("12.3 ms");
    expect(formatMs(5, 1)).toBe("5.0 ms");
  });

  it("drops trailing zeros from plain numbers", () => {
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(1.23456, 3)).toBe("1.235");
  });

  it("writes every missing value with the same dash, whichever way it is missing", () => {
    for (const value of [null, undefined, Number.NaN]) {
      expect(formatPercent(value)).toBe(MISSING);
      expect(formatMs(value)).toBe(MISSING);
      expect(formatNumber(value)).toBe(MISSING);
    }
    expect(orMissing(null, String)).toBe(MISSING);
    expect(orMissing("2026-12-07", (d) => d.slice(0, 4))).toBe("2026");
    expect(MISSING).toBe("\u2014");
  });
});
