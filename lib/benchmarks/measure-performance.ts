import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "../inference/session-options";
import { yieldToEventLoop } from "../jobs/yield-to-event-loop";
import type { PerformanceMeasurement, LatencyMeasurement } from "./result-schema";
import { percentile } from "../stats";

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

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

// The serving settings, with the thread count under test.
async function createSession(modelPath: string, threads: number) {
  return ort.InferenceSession.create(modelPath, await sessionOptions(modelPath, { threads }));
}

async function timeSession(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, config: PerformanceConfig, onRun: () => void) {
  for (let i = 0; i < config.warmUp; i++) await session.run(feeds);
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < config.runs; i++) {
    const startedAt = performance.now();
    await session.run(feeds);
    times.push(performance.now() - startedAt);
    onRun();
    // Outside the timed span: lets requests in between runs when this runs inside the server.
    await yieldToEventLoop();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { times, cpuMsPerRun: (cpu.user + cpu.system) / 1000 / config.runs };
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
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        p99Ms: round(percentile(times, 99)),
        meanMs: round(times.reduce((a, b) => a + b, 0) / times.length),
        cpuMsPerRun: round(cpuMsPerRun),
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
        throughput.push({ batchSize, threads, msPerBatch: round(msPerBatch), itemsPerSecond: round((batchSize * 1000) / msPerBatch, 1) });
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
