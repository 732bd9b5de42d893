import "server-only";
import type { Database } from "../db/client";
import { finishBenchmarkRun, insertBenchmarkResult, startBenchmarkRun } from "../db/queries/benchmarks";
import { ConflictError } from "../domain-errors";
import { yieldToEventLoop } from "../yield-to-event-loop";
import { log } from "../log";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry } from "../models/manifest-schema";
import { loadModel } from "../inference/session-pool";
import { benchmarkInputs } from "./benchmark-inputs";
import { describeMachine } from "../inference/measurement/describe-machine";
import { measureAccuracy } from "./measure-accuracy";
import { measurePerformance, type PerformanceConfig } from "./measure-performance";
import { forgetServingDefaults } from "../inference/serving/serving-defaults";

/**
 * One benchmark run over every ONNX model variant in the model store (manifest models and produced
 * variants): performance and accuracy per variant, stored as the run goes so the dashboard shows
 * figures as they arrive and says which are still being measured.
 */

export const benchmarkPresets = {
  /** After start-up, in the background: enough runs for stable medians, short enough not to hog the CPU. */
  quick: { runs: 12, warmUp: 3, threads: [1, 2], batchSizes: [4] },
  /** `npm run bench:models` and the admin button. */
  full: { runs: 40, warmUp: 5, threads: [1, 2], batchSizes: [4, 8] },
} satisfies Record<string, PerformanceConfig>;
export type BenchmarkPreset = keyof typeof benchmarkPresets;

const benchmarkedTasks = new Set(["image-classification", "object-detection", "text-detection", "text-recognition"]);

/** The variants a run measures, parents before their variants. */
export function benchmarkableModels(): ModelEntry[] {
  return getModelStore()
    .list()
    .filter((m) => m.runtime === "onnxruntime" && benchmarkedTasks.has(m.task))
    .sort((a, b) => a.family.localeCompare(b.family) || Number(Boolean(a.parent)) - Number(Boolean(b.parent)) || a.id.localeCompare(b.id));
}

export interface RunBenchmarkOptions {
  db: Database;
  trigger: "startup" | "cli" | "admin" | "test" | "variant";
  preset?: BenchmarkPreset;
  /** Restrict to these model ids (tests, quick looks). */
  modelIds?: string[];
  /** Told after each variant (the job's progress). */
  onProgress?: (progress: { total: number; done: number; failed: number }) => Promise<void>;
}

export interface BenchmarkOutcome {
  runId: string;
  measured: string[];
  failed: { id: string; reason: string }[];
}

/**
 * Starts a run (throws 409 when one is already under way) and returns its id at once, with a
 * promise for the outcome. Runs started from the API or at start-up are jobs
 * (lib/benchmarks/benchmark-job.ts); `npm run bench:models` calls this directly.
 */
export async function startBenchmark(options: RunBenchmarkOptions): Promise<{ runId: string; done: Promise<BenchmarkOutcome> }> {
  const config = benchmarkPresets[options.preset ?? "quick"];
  const models = benchmarkableModels().filter((m) => !options.modelIds || options.modelIds.includes(m.id));
  const run = await startBenchmarkRun({
    db: options.db,
    trigger: options.trigger,
    machine: await describeMachine(),
    config: { preset: options.preset ?? "quick", ...config, models: models.map((m) => m.id) },
  });
  if (!run) throw new ConflictError("A benchmark run is already in progress; wait for it to finish.");
  return { runId: run.id, done: measureAll(options.db, run.id, models, config, options.onProgress) };
}

/** Starts a run and measures every variant; resolves when done. Throws 409 when a run is already under way. */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<BenchmarkOutcome> {
  return (await startBenchmark(options)).done;
}

async function measureAll(
  db: Database,
  runId: string,
  models: ModelEntry[],
  config: PerformanceConfig,
  onProgress: RunBenchmarkOptions["onProgress"],
): Promise<BenchmarkOutcome> {
  const measured: string[] = [];
  const failed: { id: string; reason: string }[] = [];
  try {
    for (const entry of models) {
      await yieldToEventLoop();
      try {
        await measureModel(db, runId, entry, config);
        measured.push(entry.id);
      } catch (error) {
        const reason = (error as Error).message;
        failed.push({ id: entry.id, reason });
        log.warn({ model: entry.id, err: error }, "benchmark of a model failed");
      }
      await onProgress?.({ total: models.length, done: measured.length, failed: failed.length });
    }
    await finishBenchmarkRun({
      db,
      id: runId,
      status: measured.length > 0 || models.length === 0 ? "done" : "failed",
      ...(failed.length ? { error: failed.map((f) => `${f.id}: ${f.reason}`).join("\n") } : {}),
    });
    // New figures may change which variant serves: the next request reads them (other processes within the cache's TTL).
    forgetServingDefaults();
  } catch (error) {
    await finishBenchmarkRun({ db, id: runId, status: "failed", error: (error as Error).message }).catch(() => {});
    throw error;
  }
  return { runId, measured, failed };
}

async function measureModel(db: Database, runId: string, entry: ModelEntry, config: PerformanceConfig) {
  const availability = await getModelStore().resolve(entry.id);
  if (!availability.available) throw new Error(availability.reason);
  const modelFile = availability.files.find((f) => f.role === "model")!;
  // The pool's session gives the input name (and proves the file loads) without a second parse.
  const inputName = (await loadModel(entry.id)).session.inputNames[0];
  const inputs = await benchmarkInputs(entry, inputName);
  const performance = await measurePerformance({
    modelPath: modelFile.path,
    sizeBytes: modelFile.bytes,
    input: inputs.latency,
    batchInputs: inputs.batchItems,
    config,
  });
  const accuracy = await measureAccuracy(entry, modelFile.path, inputs.heldOut);
  await insertBenchmarkResult({
    db,
    result: { runId, modelId: entry.id, family: entry.family, variant: entry.variant, task: entry.task, performance, accuracy },
  });
}
