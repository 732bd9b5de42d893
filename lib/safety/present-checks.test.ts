import { describe, expect, it } from "vitest";
import { injectionSafetyScore } from "./present-checks";

describe("injectionSafetyScore", () => {
  it("is 0.5 at the detector's threshold and monotone around it", () => {
    expect(injectionSafetyScore(0.5, 0.5)).toBeCloseTo(0.5, 10);
    expect(injectionSafetyScore(0.3, 0.3)).toBeCloseTo(0.5, 10);
    expect(injectionSafetyScore(0.1, 0.5)).toBeGreaterThan(injectionSafetyScore(0.3, 0.5));
    expect(injectionSafetyScore(0.9, 0.5)).toBeLessThan(0.5);
  });

  it("puts low-probability text near 1 and certain attacks near 0", () => {
    expect(injectionSafetyScore(0.2, 0.5)).toBeGreaterThan(0.9);
    expect(injectionSafetyScore(0.95, 0.5)).toBeLessThan(0.01);
    expect(injectionSafetyScore(0, 0.5)).toBeGreaterThan(0.999);
    expect(Number.isFinite(injectionSafetyScore(1, 0.5))).toBe(true);
  });
});
