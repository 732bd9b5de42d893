import { describe, expect, it } from "vitest";
import { detectionMetrics } from "./detection-metrics";

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
