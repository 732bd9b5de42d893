/**
 * One candidate of scripts/bench-offloop.ts, in a process of its own (INFERENCE_THREADS and
 * ORT_INTRA_OP_THREADS come from the environment): warms the pipelines, then drives image-text (all
 * tasks) and document at concurrency 1 and 8, and prints one JSON line with the cells, the peak RSS and
 * the inference threads it ran.
 */
import { analyzeDocument } from "../../lib/analyze/document/analyze-document";
import { documentFieldsSchema } from "../../lib/analyze/document/schemas";
import { analyzeImageText } from "../../lib/analyze/image-text/analyze-image-text";
import { imageTextRequestSchema } from "../../lib/analyze/image-text/schema";
import { inferenceThreadStats } from "../../lib/inference/off-loop/inference-threads";
import { percentile, round } from "../../lib/stats";
import { CAPTION, DOCUMENT_PAGE, evalImage, PHOTO } from "../bench-load/request-bodies";
import { requireEvalDir } from "../require-eval-dir";
import type { CandidateResult, CellResult } from "../bench-offloop";

const seconds = Number(process.env.BENCH_OFFLOOP_SECONDS ?? 8);
const evalDir = requireEvalDir();
const photo = evalImage(evalDir, PHOTO);
const page = evalImage(evalDir, DOCUMENT_PAGE);
const imageTextRequest = imageTextRequestSchema.parse({ text: CAPTION });
const documentFields = documentFieldsSchema.parse({});

const workloads: Record<CellResult["workload"], () => Promise<unknown>> = {
  "image-text-all": () => analyzeImageText({ image: photo, request: imageTextRequest, requestId: "bench-offloop" }),
  document: () => analyzeDocument({ ...documentFields, imageBytes: page }),
};

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 250);

/** `concurrency` callers, closed loop, each until `forMs` has passed and it made at least `minEach` requests. */
async function cell(workload: CellResult["workload"], concurrency: number, forMs: number, minEach: number): Promise<CellResult> {
  const call = workloads[workload];
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let done = 0; done < minEach || performance.now() - startedAt < forMs; done++) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    workload,
    concurrency,
    requests: latencies.length,
    reqPerS: round((latencies.length / wallMs) * 1000, 2),
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / latencies.length, 1),
  };
}

const cells: CellResult[] = [];
for (const workload of Object.keys(workloads) as CellResult["workload"][]) {
  // Loads the models, warms the sessions (and the safety worker threads).
  for (let i = 0; i < 2; i++) await workloads[workload]();
  cells.push(await cell(workload, 1, (seconds * 1000) / 2, 3));
  cells.push(await cell(workload, 8, seconds * 1000, 1));
}
clearInterval(sampler);
const result: Omit<CandidateResult, "name" | "inferenceThreads" | "intraOpThreads"> = {
  cells,
  peakRssMiB: Math.round(peakRss / 1024 ** 2),
  threadsStarted: inferenceThreadStats().threads,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
