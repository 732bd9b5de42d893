import { describe, expect, it } from "vitest";
import { detectionMetrics, formatRateWithInterval, isConsistentInterval } from "./detection-metrics";

const flagged = (label: 0 | 1, n: number, caught: number) => Array.from({ length: n }, (_, i) => ({ label, flagged: i < caught }));

describe("detection metrics' Wilson intervals", () => {
  it("stores both bounds of a known interval (8 of 10: 49.0–94.3%), lower below upper", () => {
    const m = detectionMetrics([...flagged(1, 10, 8), ...flagged(0, 20, 1)]);
    expect(m.tpr).toBe(0.8);
    expect(m.tprInterval).toEqual([0.4902, 0.9433]);
    // 1 of 20 benign flagged: Wilson 95% is 0.89–23.6%.
    expect(m.fprInterval).toEqual([0.0089, 0.2361]);
  });

  it("prints a rate with its range in order", () => {
    const m = detectionMetrics(flagged(1, 10, 8));
    expect(formatRateWithInterval(m.tpr, m.tprInterval)).toBe("80.0% (49.0–94.3%)");
    expect(formatRateWithInterval(0.748, [0.71, 0.783])).toBe("74.8% (71.0–78.3%)");
  });

  it("drops a stored interval that cannot be right (the old rounding bug's [1, 0.8]) and keeps the rate", () => {
    expect(isConsistentInterval(0.748, [1, 0.8])).toBe(false);
    expect(formatRateWithInterval(0.748, [1, 0.8])).toBe("74.8%");
    expect(formatRateWithInterval(undefined, [0.1, 0.2])).toBe("–");
  });
});

describe("detection metrics", () => {
  it("gives Wilson intervals around the rate, lower bound first", () => {
    // 3 of 4 attacks caught, 1 of 10 benign rows flagged.
    const items = [
      ...Array.from({ length: 4 }, (_, i) => ({ label: 1 as const, flagged: i < 3 })),
      ...Array.from({ length: 10 }, (_, i) => ({ label: 0 as const, flagged: i < 1 })),
    ];
    const m = detectionMetrics(items);
    expect(m.tpr).toBe(0.75);
    const [low, high] = m.tprInterval!;
    expect(low).toBeLessThan(0.75);
    expect(high).toBeGreaterThan(0.75);
    expect(low).toBeCloseTo(0.3006, 3);
    expect(high).toBeCloseTo(0.9544, 3);
    const [fLow, fHigh] = m.fprInterval!;
    expect(fLow).toBeLessThan(0.1);
    expect(fHigh).toBeGreaterThan(0.1);
  });
});
