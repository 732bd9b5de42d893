import { describe, expect, it } from "vitest";
import { loadGoals, loadGoalsMarkdown } from "./load-goals";
import { cell, sampleRun } from "./load-run.fixture";

describe("load goals", () => {
  const run = {
    ...sampleRun([
      cell({ route: "safety", concurrency: 1, cpuSecondsPerRequest: 0.0052, peakRssMiB: 900 }),
      cell({ route: "safety", concurrency: 32, throughputRps: 300, statusCounts: { "200": 290, "429": 10 }, peakRssMiB: 1100 }),
      cell({ route: "document", concurrency: 1, cpuSecondsPerRequest: 0.8, peakRssMiB: 1000 }),
      cell({ route: "document", concurrency: 32, throughputRps: 2, statusCounts: { "200": 40, "500": 1 }, peakRssMiB: 1200 }),
      cell({ route: "document", concurrency: 1, batching: "off", peakRssMiB: 5000 }),
      cell({ route: "image-text-all", concurrency: 1, peakRssMiB: 900 }),
    ]),
    machineLimits: [
      {
        route: "safety" as const,
        batching: "on" as const,
        singleStreamCpuSecondsPerRequest: 0.0052,
        limitRps: 384.6,
        highestConcurrency: 32,
        shareOfLimit: 0.78,
      },
      { route: "document" as const, batching: "on" as const, singleStreamCpuSecondsPerRequest: 0.8, limitRps: 2.5, highestConcurrency: 32, shareOfLimit: 0.8 },
    ],
    httpOverhead: [
      { route: "safety" as const, batching: "on" as const, inProcessMedianMs: 1, httpP50Ms: 4.5, overheadMs: 3.5 },
      { route: "image-text-all" as const, batching: "on" as const, inProcessMedianMs: 600, httpP50Ms: 500, overheadMs: -100 },
    ],
  };

  it("reads each goal off the serving default's cells and says met, missed or not measured", () => {
    const rows = loadGoals(run);
    const byGoal = (start: string) => rows.find((r) => r.goal.startsWith(start))!;
    expect(byGoal("safety: c=32").met).toBe(false); // 78% of the limit
    expect(byGoal("safety: HTTP").met).toBe(true);
    expect(byGoal("safety: server CPU").figure).toBe("5.2 ms");
    expect(byGoal("safety: server CPU").met).toBe(true);
    expect(byGoal("document: c=32").figure).toContain("500×1"); // a 500 under load fails the goal whatever the share
    expect(byGoal("document: c=32").met).toBe(false);
    expect(byGoal("document: HTTP").met).toBeNull();
    // Slower in process than over HTTP: not a measurement of overhead, neither met nor missed.
    expect(byGoal("image-text-all: HTTP").met).toBeNull();
    expect(byGoal("image-text-all: HTTP").figure).toContain("no overhead measured");
    // The peak over every cell of the run, the other switch's included.
    expect(byGoal("the whole app").figure).toBe("5000 MiB");
    expect(byGoal("the whole app").met).toBe(false);
  });

  it("writes a table with the machine line first", () => {
    const markdown = loadGoalsMarkdown(run, "2026-12-07, Test CPU.");
    expect(markdown.split("\n")[0]).toMatch(/^2026-12-07, Test CPU\. Batching on;/);
    expect(markdown).toContain("| safety: HTTP overhead at c=1 ≤ 5 ms | 3.5 ms (4.5 ms vs 1.0 ms in process) | met |");
  });
});
