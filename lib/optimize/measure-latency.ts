import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { percentile } from "@/lib/stats";
import { timeRuns } from "@/lib/timing";

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

export async function measureLatency(options: MeasureLatencyOptions): Promise<LatencyResult> {
  const runs = options.runs ?? 30;
  const session = await ort.InferenceSession.create(options.model as string, await sessionOptions(options.model, { threads: options.threads }));
  try {
    const { times, cpuMsPerRun } = await timeRuns(() => session.run(options.feeds), { warmUp: options.warmupRuns ?? 5, runs });
    return { threads: options.threads, runs, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), cpuMsPerRun };
  } finally {
    await session.release();
  }
}
