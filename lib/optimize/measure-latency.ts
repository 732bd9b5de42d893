import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";

/**
 * `session.run` latency at batch 1: warm-up runs, then N timed runs; median and p95 of wall time,
 * plus the process CPU time per run. On a shared 2-core machine wall time swings with whatever
 * else runs; CPU time of a 1-thread session barely does, so it is the steadier figure to compare
 * variants by (with 2 threads it is the sum over both threads, not a latency).
 */

export interface LatencyResult {
  threads: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  cpuMsPerRun: number;
}

export interface MeasureLatencyOptions {
  model: string | Uint8Array;
  feeds: Record<string, ort.Tensor>;
  threads: number;
  warmupRuns?: number;
  runs?: number;
}

export function percentile(sortedValues: number[], p: number): number {
  if (sortedValues.length === 0) return NaN;
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[rank];
}

export async function measureLatency(options: MeasureLatencyOptions): Promise<LatencyResult> {
  const runs = options.runs ?? 30;
  const session = await ort.InferenceSession.create(options.model as string, await sessionOptions(options.model, { threads: options.threads }));
  try {
    for (let i = 0; i < (options.warmupRuns ?? 5); i++) await session.run(options.feeds);
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const startedAt = performance.now();
      await session.run(options.feeds);
      times.push(performance.now() - startedAt);
    }
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    return {
      threads: options.threads,
      runs,
      medianMs: percentile(times, 50),
      p95Ms: percentile(times, 95),
      cpuMsPerRun: (cpu.user + cpu.system) / 1000 / runs,
    };
  } finally {
    await session.release();
  }
}
