/**
 * Chooses the serving defaults of lib/inference/serving from measurement: for the classifier and the
 * detector, intra-op threads (1 vs 2), sessions per model (1 vs 2) and dynamic batching (off vs on,
 * where the model has a batch dimension), each driven through the serving queue (ModelQueue) by
 * `--clients` concurrent callers, closed loop, for `--seconds`. Reports throughput, latency
 * percentiles and process CPU time per request as JSON and a markdown table.
 *
 *   npx tsx --conditions=react-server scripts/tune-sessions.ts [--seconds 3] [--clients 8] [--json out.json]
 *     [--models mobilenetv2-int8,yolox-nano] [--threads 1,2] [--sessions 1,2] [--costs-only]
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type * as ort from "onnxruntime-node";
import { createSession } from "../lib/benchmarks/measure-performance";
import { readCpuFeatures } from "../lib/inference/read-cpu-features";
import { decodeImage } from "../lib/inference/image/decode-image";
import { imageToTensor } from "../lib/inference/image/image-to-tensor";
import { ModelQueue } from "../lib/inference/serving/model-queue";
import { hasBatchDimension, type ServingConfig } from "../lib/inference/serving/serving-config";
import { stackFeeds } from "../lib/inference/serving/stack-feeds";
import { getModelStore } from "../lib/models/get-model-store";
import { percentile } from "../lib/stats";
import { requireEvalDir } from "./require-eval-dir";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1]) || fallback;
const seconds = option("seconds", 3);
// --costs-only: just the per-image cost by batch size (quick, and steadier on a busy machine).
const costsOnly = args.includes("--costs-only");
const listOption = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback).split(",");
const modelIds = listOption("models", "mobilenetv2-int8,yolox-nano");
const threadCounts = listOption("threads", "1,2").map(Number);
const sessionCounts = listOption("sessions", "1,2").map(Number);
const clients = option("clients", 8);
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const photos = ["coral_cat_720p.jpg", "skimage_coffee.png", "coral_pets.jpg", "coral_kite_and_cold.jpg"];

interface Row {
  model: string;
  threads: number;
  sessions: number;
  batching: string;
  requests: number;
  throughputPerS: number;
  latencyMsP50: number;
  latencyMsP95: number;
  cpuMsPerRequest: number;
  meanBatch: number;
}

async function inputsFor(modelId: string): Promise<ort.Tensor[]> {
  const entry = getModelStore().get(modelId)!;
  const evalDir = requireEvalDir();
  const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };
  return Promise.all(
    photos.map(async (photo) => {
      const image = await decodeImage(readFileSync(path.join(evalDir, "images", "photos", photo)), limits);
      return (await imageToTensor(image, entry.input!)).tensor;
    }),
  );
}

async function measure(modelId: string, threads: number, sessionCount: number, batching: ServingConfig["batching"]): Promise<Row> {
  const store = getModelStore();
  const entry = store.get(modelId)!;
  const file = (await store.filePath(modelId, "model"))!;
  const sessions = await Promise.all(Array.from({ length: sessionCount }, async () => createSession(file, threads)));
  const inputs = await inputsFor(modelId);
  const queue = new ModelQueue({ id: `${modelId}-tune`, variant: entry.variant }, sessions, { batching, sessions: sessionCount, queueLimit: 10_000 });
  const feedsOf = (i: number) => ({ [entry.input!.tensor]: inputs[i % inputs.length] });
  for (let i = 0; i < 4; i++) await queue.run(feedsOf(i));
  const latencies: number[] = [];
  const runsBefore = queue.stats.runs;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const endAt = startedAt + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; performance.now() < endAt; i += clients) {
        const t0 = performance.now();
        await queue.run(feedsOf(i));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedS = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(sessions.map((s) => s.release()));
  return {
    model: modelId,
    threads,
    sessions: sessionCount,
    batching: batching ? `max ${batching.maxBatchSize}, delay ${batching.maxQueueDelayMs} ms` : "off",
    requests: latencies.length,
    throughputPerS: latencies.length / elapsedS,
    latencyMsP50: percentile(latencies, 50),
    latencyMsP95: percentile(latencies, 95),
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / latencies.length,
    meanBatch: latencies.length / (queue.stats.runs - runsBefore),
  };
}

interface BatchCostRow {
  model: string;
  threads: number;
  batchSize: number;
  msPerImageP50: number;
  /** Process CPU time per image: on a shared machine a steadier measure of the work than wall time. */
  cpuMsPerImageP50: number;
}

/** One session's run time per image at batch sizes 1..8 (runs interleaved, so machine noise falls on all sizes alike). */
async function batchCosts(modelId: string, threads: number, reps = 15): Promise<BatchCostRow[]> {
  const store = getModelStore();
  const entry = store.get(modelId)!;
  const file = (await store.filePath(modelId, "model"))!;
  const session = await createSession(file, threads);
  const inputs = await inputsFor(modelId);
  const sizes = [1, 2, 4, 8];
  const stacked = new Map(sizes.map((n) => [n, stackFeeds(Array.from({ length: n }, (_, i) => ({ [entry.input!.tensor]: inputs[i % inputs.length] })))]));
  const times = new Map<number, number[]>(sizes.map((n) => [n, []]));
  const cpuTimes = new Map<number, number[]>(sizes.map((n) => [n, []]));
  for (let rep = -2; rep < reps; rep++)
    for (const n of sizes) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await session.run(stacked.get(n)!);
      const cpu = process.cpuUsage(cpu0);
      if (rep < 0) continue;
      times.get(n)!.push((performance.now() - t0) / n);
      cpuTimes.get(n)!.push((cpu.user + cpu.system) / 1000 / n);
    }
  await session.release();
  return sizes.map((n) => ({
    model: modelId,
    threads,
    batchSize: n,
    msPerImageP50: percentile(times.get(n)!, 50),
    cpuMsPerImageP50: percentile(cpuTimes.get(n)!, 50),
  }));
}

const rows: Row[] = [];
const costs: BatchCostRow[] = [];
for (const modelId of modelIds) {
  const file = (await getModelStore().filePath(modelId, "model"))!;
  const probe = await createSession(file, 1);
  const batchable = hasBatchDimension(probe);
  await probe.release();
  if (batchable) for (const threads of [1, 2]) costs.push(...(await batchCosts(modelId, threads)));
  if (costsOnly) continue;
  const batchings: ServingConfig["batching"][] = batchable ? [null, { maxBatchSize: 8, maxQueueDelayMs: 0 }, { maxBatchSize: 8, maxQueueDelayMs: 2 }] : [null];
  for (const threads of threadCounts)
    for (const sessionCount of sessionCounts)
      for (const batching of batchings) {
        const row = await measure(modelId, threads, sessionCount, batching);
        rows.push(row);
        console.error(JSON.stringify(row));
      }
}

const cpu = readCpuFeatures();
const header = `CPU: ${cpu.model}, ${os.availableParallelism()} cores, flags ${cpu.flags.join(" ")}; ${clients} closed-loop clients, ${seconds} s each (shared machine: noisy).`;
const fmt = (v: number) => v.toFixed(1);
const table = [
  "| model | intra-op threads | sessions | batching | req/s | p50 ms | p95 ms | CPU ms/req | mean batch |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.model} | ${r.threads} | ${r.sessions} | ${r.batching} | ${fmt(r.throughputPerS)} | ${fmt(r.latencyMsP50)} | ${fmt(r.latencyMsP95)} | ${fmt(r.cpuMsPerRequest)} | ${r.meanBatch.toFixed(2)} |`,
  ),
].join("\n");
const costTable = [
  "| model | intra-op threads | batch size | wall ms per image (median) | CPU ms per image (median) |",
  "|---|---|---|---|---|",
  ...costs.map((c) => `| ${c.model} | ${c.threads} | ${c.batchSize} | ${fmt(c.msPerImageP50)} | ${fmt(c.cpuMsPerImageP50)} |`),
].join("\n");
console.log(`${header}\n\n${table}\n\nOne session run, per image, by batch size:\n\n${costTable}`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ measuredAt: new Date().toISOString(), header, rows, costs }, null, 2)}\n`);
