import { describe, expect, it } from "vitest";
import { median, percentile, round, wilsonInterval } from "./stats";

describe("percentile", () => {
  it("interpolates between the closest ranks by default", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(percentile([10, 20], 0)).toBe(10);
    expect(percentile([10, 20], 100)).toBe(20);
    expect(percentile([], 50)).toBeNaN();
  });

  it('"higher" takes the upper neighbour, an observed value', () => {
    expect(median([1, 2, 3, 4], "higher")).toBe(3);
    expect(median([4, 1, 3], "higher")).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, "higher")).toBe(10);
    expect(percentile([], 90, "higher")).toBeNaN();
  });

  it('"higher" is the OCR heuristics\' former sorted[floor(q × n)] for the quantiles they use', () => {
    // find-show-through (q 0.9 and 0.5), find-merchant and order-lines (the median) used that index.
    for (let n = 1; n <= 500; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 7919) % 1009);
      const sorted = [...values].sort((a, b) => a - b);
      for (const q of [0.5, 0.9]) expect(percentile(values, q * 100, "higher")).toBe(sorted[Math.min(n - 1, Math.floor(q * n))]);
    }
  });

  it("leaves its input unsorted", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("round", () => {
  it("rounds to the given decimal places", () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1.235, 1)).toBe(1.2);
    expect(round(2.5, 0)).toBe(3);
    expect(round(-2.5, 0)).toBe(-2);
    expect(round(0.123456789, 4)).toBe(0.1235);
    expect(round(1234.5678, 3)).toBe(1234.568);
  });

  it("passes NaN and infinities through", () => {
    expect(round(NaN, 2)).toBeNaN();
    expect(round(Infinity, 2)).toBe(Infinity);
  });
});

describe("wilsonInterval", () => {
  it("brackets the proportion and stays within [0, 1]", () => {
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeLessThan(0.8);
    expect(high).toBeGreaterThan(0.8);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});
