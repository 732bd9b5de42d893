import { describe, expect, it } from "vitest";
import { timeRuns } from "./timing";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
/** Spins until this process has used `ms` of CPU time, however loaded the machine is. */
const burnCpu = (ms: number) => {
  const before = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
};

describe("timeRuns", () => {
  it("times the requested runs after unmeasured warm-up runs", async () => {
    let calls = 0;
    const { times } = await timeRuns(() => void calls++, { warmUp: 2, runs: 5 });
    expect(times).toHaveLength(5);
    expect(calls).toBe(7);
  });

  it("measures the function's wall time, and not what afterEach does", async () => {
    const { times } = await timeRuns(() => busy(5), { warmUp: 0, runs: 3, afterEach: () => busy(200) });
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(5);
      expect(t).toBeLessThan(150);
    }
  });

  it("awaits asynchronous work inside the timed span", async () => {
    const { times } = await timeRuns(() => new Promise((resolve) => setTimeout(resolve, 20)), { warmUp: 0, runs: 2 });
    for (const t of times) expect(t).toBeGreaterThanOrEqual(15);
  });

  it("reports the process's CPU time per run", async () => {
    const { cpuMsPerRun } = await timeRuns(() => burnCpu(10), { warmUp: 0, runs: 4 });
    expect(cpuMsPerRun).toBeGreaterThanOrEqual(10);
    expect(cpuMsPerRun).toBeLessThan(100);
  });
});
