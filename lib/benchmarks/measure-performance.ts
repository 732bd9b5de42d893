import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "../inference/session-options";
import { yieldToEventLoop } from "../yield-to-event-loop";
import type { PerformanceMeasurement, LatencyMeasurement } from "../inference/measurement/result-schema";
import { percentile, round } from "../stats";
import { timeRuns } from "../timing";

/**
 * Latency and throughput of one model file on this machine: a fresh session per thread setting,
 * warm-up runs, then timed runs of `session.run` on a real input (wall time percentiles plus process
 * CPU time per run, the steadier figure on a shared machine), and items per second at larger batches
 * where the model's batch dimension is dynamic.
 */

export interface PerformanceConfig {
  runs: number;
  warmUp: number;
  threads: number[];
  /** Batch sizes (> 1) for throughput; only used when the batch dimension is dynamic. */
  batchSizes: number[];
}

export interface MeasuredInput {
  source: string;
  synthetic: boolean;
  feeds: Record<string, ort.Tensor>;
}

// The serving settings, with the thread count under test.
export async function createSession(modelPath: string, threads: number) {
  return ort.InferenceSession.create(modelPath, await sessionOptions(modelPath, { threads }));
}

function timeSession(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, config: PerformanceConfig, onRun: () => void) {
  // Yielding after each run lets requests in between runs when this runs inside the server.
  return timeRuns(() => session.run(feeds), { warmUp: config.warmUp, runs: config.runs, afterEach: () => (onRun(), yieldToEventLoop()) });
}

/** Stacks single-item inputs along the batch axis (all must have one shape). */
export function stackBatch(inputs: Record<string, ort.Tensor>[], batchSize: number): Record<string, ort.Tensor> {
  const names = Object.keys(inputs[0]);
  return Object.fromEntries(
    names.map((name) => {
      const first = inputs[0][name];
      const itemSize = first.data.length;
      const data = new Float32Array(itemSize * batchSize);
      for (let b = 0; b < batchSize; b++) data.set(inputs[b % inputs.length][name].data as Float32Array, b * itemSize);
      return [name, new ort.Tensor("float32", data, [batchSize, ...first.dims.slice(1)])];
    }),
  );
}

export async function measurePerformance({
  modelPath,
  sizeBytes,
  input,
  batchInputs,
  config,
}: {
  modelPath: string;
  sizeBytes: number;
  input: MeasuredInput;
  /** Same-shaped single items for throughput batches; omit when the batch dimension is fixed. */
  batchInputs?: Record<string, ort.Tensor>[];
  config: PerformanceConfig;
}): Promise<PerformanceMeasurement> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sample = () => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const latency: LatencyMeasurement[] = [];
  let loadMs = 0;
  for (const threads of config.threads) {
    const loadStartedAt = performance.now();
    const session = await createSession(modelPath, threads);
    if (latency.length === 0) loadMs = performance.now() - loadStartedAt;
    sample();
    try {
      const { times, cpuMsPerRun } = await timeSession(session, input.feeds, config, sample);
      latency.push({
        threads,
        batchSize: 1,
        runs: config.runs,
        p50Ms: round(percentile(times, 50), 2),
        p95Ms: round(percentile(times, 95), 2),
        p99Ms: round(percentile(times, 99), 2),
        meanMs: round(times.reduce((a, b) => a + b, 0) / times.length, 2),
        cpuMsPerRun: round(cpuMsPerRun, 2),
      });
    } finally {
      await session.release();
    }
  }

  const throughput: PerformanceMeasurement["throughput"] = [];
  if (batchInputs && batchInputs.length > 0 && config.batchSizes.length > 0) {
    const threads = Math.max(...config.threads);
    const session = await createSession(modelPath, threads);
    try {
      for (const batchSize of config.batchSizes) {
        const feeds = stackBatch(batchInputs, batchSize);
        const { times } = await timeSession(session, feeds, { ...config, runs: Math.max(3, Math.ceil(config.runs / 2)), warmUp: 1 }, sample);
        const msPerBatch = percentile(times, 50);
        throughput.push({ batchSize, threads, msPerBatch: round(msPerBatch, 2), itemsPerSecond: round((batchSize * 1000) / msPerBatch, 1) });
      }
    } finally {
      await session.release();
    }
  }

  const firstInput = Object.values(input.feeds)[0];
  return {
    sizeBytes,
    input: { source: input.source, shape: [...firstInput.dims], synthetic: input.synthetic },
    loadMs: round(loadMs, 1),
    latency,
    throughput,
    rssIncreaseMb: round((rssPeak - rssBefore) / 1024 / 1024, 1),
  };
}
