import { describe, expect, it } from "vitest";
import { deriveLoadFigures } from "./derive-load-figures";
import {
  cpuPerRequest,
  disallowedUnderOverload,
  machineLimitRps,
  machineLimits,
  requestsForCell,
  rssDrift,
  successRate,
  summarizeLatencies,
  throughputRatio,
} from "./load-figures";
import { cell } from "./load-run.fixture";

describe("load benchmark figures", () => {
  it("reads p50/p95/p99/max of the latencies with linear interpolation, and nulls when nothing came back", () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(oneToHundred)).toEqual({ p50: 50.5, p95: 95.1, p99: 99, max: 100 });
    expect(summarizeLatencies([])).toEqual({ p50: null, p95: null, p99: null, max: null });
  });

  it("computes CPU per request and the machine limit as cores over single-stream CPU seconds", () => {
    expect(cpuPerRequest(11.3, 20)).toBe(0.565);
    expect(cpuPerRequest(3, 0)).toBeNull();
    expect(machineLimitRps(2, 0.565)).toBe(3.54);
    expect(machineLimitRps(2, 0.027)).toBe(74.07);
    expect(machineLimitRps(2, null)).toBeNull();
    expect(machineLimitRps(2, 0)).toBeNull();
  });

  it("takes the limit from the concurrency-1 cell and the share from the highest concurrency, per route and switch", () => {
    const cells = [
      cell({ route: "safety", concurrency: 1, cpuSecondsPerRequest: 0.025, throughputRps: 30 }),
      cell({ route: "safety", concurrency: 32, cpuSecondsPerRequest: 0.03, throughputRps: 68 }),
      cell({ route: "safety", batching: "off", concurrency: 1, cpuSecondsPerRequest: 0.05 }),
      cell({ route: "safety", batching: "off", concurrency: 8, throughputRps: 20 }),
    ];
    expect(machineLimits(cells, 2)).toEqual([
      { route: "safety", batching: "on", singleStreamCpuSecondsPerRequest: 0.025, limitRps: 80, highestConcurrency: 32, shareOfLimit: 0.85 },
      { route: "safety", batching: "off", singleStreamCpuSecondsPerRequest: 0.05, limitRps: 40, highestConcurrency: 8, shareOfLimit: 0.5 },
    ]);
  });

  it("measures RSS drift between the first and last tenth of the samples", () => {
    const samples = [...Array(10).fill(100), ...Array(80).fill(110), ...Array(10).fill(120)];
    expect(rssDrift(samples)).toEqual({ startMiB: 100, endMiB: 120, driftShare: 0.2 });
    expect(rssDrift([5])).toEqual({ startMiB: null, endMiB: null, driftShare: null });
  });

  it("counts as disallowed under overload every status but 2xx/429/503, timeouts and transport errors", () => {
    expect(disallowedUnderOverload({ statusCounts: { "200": 5, "429": 2, "503": 1, "500": 1, "413": 3 }, timeouts: 2, connectionErrors: 0 })).toEqual({
      "500": 1,
      "413": 3,
      timeout: 2,
    });
    expect(disallowedUnderOverload({ statusCounts: { "200": 5, "503": 9 }, timeouts: 0, connectionErrors: 0 })).toEqual({});
  });

  it("counts only 2xx in throughput, and ratios guard against missing figures", () => {
    expect(successRate({ "200": 30, "503": 70 }, 10)).toBe(3);
    expect(throughputRatio(24, 2.4)).toBe(10);
    expect(throughputRatio(24, 0)).toBeNull();
    expect(throughputRatio(undefined, 2)).toBeNull();
  });

  it("derives HTTP overhead, labels/all ratio, overload against the deadline and drift from the cells", () => {
    const cells = [
      cell({ route: "image-text-all", concurrency: 1, throughputRps: 2, latencyMs: { p50: 402, p95: 420, p99: 430, max: 440 } }),
      cell({ route: "image-text-all", concurrency: 8, throughputRps: 2.5, latencyMs: { p50: 3000, p95: 3500, p99: 4000, max: 4100 } }),
      cell({ route: "image-text-labels", concurrency: 1, throughputRps: 20 }),
      cell({ route: "image-text-labels", concurrency: 8, throughputRps: 30, statusCounts: { "200": 300, "503": 4, "500": 1 } }),
    ];
    const derived = deriveLoadFigures({ cells, cores: 2, inProcessMs: { "image-text-all": 398.5 }, drift: null, deadlineMs: 3500 });
    expect(derived.httpOverhead).toEqual([{ route: "image-text-all", batching: "on", inProcessMedianMs: 398.5, httpP50Ms: 402, overheadMs: 3.5 }]);
    expect(derived.labelsVsAll).toEqual([
      { batching: "on", concurrency: 1, ratio: 10 },
      { batching: "on", concurrency: 8, ratio: 12 },
    ]);
    expect(derived.overload.map((o) => [o.route, o.concurrency, o.disallowed, o.p99WithinDeadline])).toEqual([
      ["image-text-all", 8, {}, false],
      ["image-text-labels", 8, { "500": 1 }, true],
    ]);
    expect(derived.rssDrift).toBeNull();
  });
});

describe("cell sizing", () => {
  it("sizes a cell to the planned seconds at min(concurrency, cores) streams, with a floor per connection", () => {
    expect(requestsForCell({ seconds: 10, singleLatencyMs: 400, concurrency: 1, cores: 2, minPerConnection: 2 })).toBe(25);
    expect(requestsForCell({ seconds: 10, singleLatencyMs: 400, concurrency: 8, cores: 2, minPerConnection: 2 })).toBe(50);
    expect(requestsForCell({ seconds: 10, singleLatencyMs: 400, concurrency: 32, cores: 2, minPerConnection: 2 })).toBe(64);
    expect(requestsForCell({ seconds: 4, singleLatencyMs: 0, concurrency: 1, cores: 2, minPerConnection: 1 })).toBe(4000);
    expect(requestsForCell({ seconds: 4, singleLatencyMs: 6000, concurrency: 1, cores: 2, minPerConnection: 1 })).toBe(3);
  });
});
