import * as ort from "onnxruntime-node";
import { analyzeDocument } from "../../lib/analyze/document/analyze-document";
import { documentFieldsSchema } from "../../lib/analyze/document/schemas";
import { analyzeImageText } from "../../lib/analyze/image-text/analyze-image-text";
import { imageTextRequestSchema } from "../../lib/analyze/image-text/schema";
import type { LoadRoute } from "../../lib/benchmarks/load/load-run-schema";
import { loadModel, runSession } from "../../lib/inference/session-pool";
import { evaluateSafety } from "../../lib/safety/evaluate-safety";
import { median, round } from "../../lib/stats";
import { CAPTION, classifierTensor, DOCUMENT_PAGE, evalImage, OIP_CLASSIFIER, PHOTO, SAFETY_PROMPT } from "./request-bodies";

/**
 * The same work as an HTTP request, called as a library function in the benchmark process (no
 * server running meanwhile): the baseline for the HTTP overhead at concurrency 1, for every route.
 * Requests are parsed by the route's own schema, so the in-process call asks exactly what the HTTP
 * call asks; the OIP baseline parses the same JSON body and builds the same tensor before the run, so
 * what remains over HTTP is the framework, the proxy, authentication, limits, usage and logging.
 */

async function medianMs(call: () => Promise<unknown>, runs: number): Promise<number> {
  await call(); // loads the models and warms the sessions
  await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await call();
    times.push(performance.now() - startedAt);
  }
  return round(median(times), 2);
}

export async function measureInProcess(evalDir: string, runs: number, routes: readonly LoadRoute[]): Promise<Partial<Record<LoadRoute, number>>> {
  const image = evalImage(evalDir, PHOTO);
  const calls: Record<LoadRoute, { call: () => Promise<unknown>; runs: number }> = {
    "image-text-all": { call: () => analyzeImageText({ image, request: imageTextRequestSchema.parse({ text: CAPTION }), requestId: "bench-load" }), runs },
    "image-text-labels": {
      call: () => analyzeImageText({ image, request: imageTextRequestSchema.parse({ text: CAPTION, tasks: ["labels"] }), requestId: "bench-load" }),
      runs: runs * 2,
    },
    document: {
      call: () => analyzeDocument({ imageBytes: evalImage(evalDir, DOCUMENT_PAGE), ...documentFieldsSchema.parse({}) }),
      runs: Math.max(3, Math.ceil(runs / 3)),
    },
    safety: { call: () => evaluateSafety({ contentType: "text", prompt: SAFETY_PROMPT }), runs: runs * 4 },
    "oip-infer": await oipCall(evalDir, runs * 2),
  };
  const out: Partial<Record<LoadRoute, number>> = {};
  for (const route of routes) out[route] = await medianMs(calls[route].call, calls[route].runs);
  return out;
}

async function oipCall(evalDir: string, runs: number) {
  const data = await classifierTensor(evalImage(evalDir, PHOTO));
  const body = JSON.stringify({ inputs: [{ name: "input", shape: [1, 3, 224, 224], datatype: "FP32", data }] });
  return {
    runs,
    async call() {
      const loaded = await loadModel(OIP_CLASSIFIER);
      const parsed = JSON.parse(body) as { inputs: { shape: number[]; data: number[] }[] };
      const tensor = new ort.Tensor("float32", Float32Array.from(parsed.inputs[0].data), parsed.inputs[0].shape);
      return runSession(loaded, { [loaded.session.inputNames[0]]: tensor });
    },
  };
}
