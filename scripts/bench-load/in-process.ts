import { analyzeImageText } from "../../lib/analyze/image-text/analyze-image-text";
import { imageTextRequestSchema } from "../../lib/analyze/image-text/schema";
import { evaluateSafety } from "../../lib/safety/evaluate-safety";
import { median, round } from "../../lib/stats";
import { CAPTION, evalImage, PHOTO, SAFETY_PROMPT } from "./request-bodies";

/**
 * The same work as an HTTP request, called as a library function in the benchmark process (no
 * server running meanwhile): the baseline for the HTTP overhead at concurrency 1. The request is
 * parsed by the route's own schema, so the in-process call asks exactly what the HTTP call asks.
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

export async function measureInProcess(evalDir: string, runs: number): Promise<{ imageTextAllMs: number; safetyMs: number }> {
  const image = evalImage(evalDir, PHOTO);
  const request = imageTextRequestSchema.parse({ text: CAPTION });
  const imageTextAllMs = await medianMs(() => analyzeImageText({ image, request, requestId: "bench-load" }), runs);
  const safetyMs = await medianMs(() => evaluateSafety({ contentType: "text", prompt: SAFETY_PROMPT }), runs * 4);
  return { imageTextAllMs, safetyMs };
}
