/**
 * The one latency loop of the project: benchmarks, variant comparisons and the vision bench all time
 * their runs through it, so warm-up, what lies inside the timed span and the CPU figure are the same
 * everywhere. Wall time is `performance.now()` around `fn` alone; CPU time is the process's (user +
 * system, all threads) over the whole loop, the steadier figure on a shared machine.
 */

export interface TimeRunsOptions {
  /** Unmeasured calls first (JIT, allocator, ONNX Runtime's first-run planning). */
  warmUp?: number;
  runs?: number;
  /** Called after each timed run, outside the timed span (progress, yielding to the event loop). */
  afterEach?: () => unknown;
}

export interface TimedRuns {
  /** Wall time of each timed run, in milliseconds, in run order. */
  times: number[];
  /** Process CPU time per timed run, in milliseconds (includes afterEach). */
  cpuMsPerRun: number;
}

export async function timeRuns(fn: () => unknown, { warmUp = 3, runs = 20, afterEach }: TimeRunsOptions = {}): Promise<TimedRuns> {
  for (let i = 0; i < warmUp; i++) await fn();
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await fn();
    times.push(performance.now() - startedAt);
    if (afterEach) await afterEach();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { times, cpuMsPerRun: runs > 0 ? (cpu.user + cpu.system) / 1000 / runs : 0 };
}
