import { describe, expect, it } from "vitest";
import { median, percentile, timeRuns } from "./stats";

describe("stats", () => {
  it("computes interpolated percentiles and medians", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(percentile([], 50)).toBeNaN();
  });

  it("times the requested number of runs after warm-up", async () => {
    let calls = 0;
    const durations = await timeRuns(() => void calls++, { warmUp: 2, runs: 5 });
    expect(durations).toHaveLength(5);
    expect(calls).toBe(7);
  });
});
