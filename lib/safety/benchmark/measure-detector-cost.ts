import "server-only";
import { median, percentile, round } from "../../stats";
import { runTask } from "../off-loop/safety-pool";
import { loadInjectionClassifier } from "../classifier/load-injection-classifier";
import { detectInjection } from "../detect-injection";

/**
 * What the detector costs a process: the resident memory its weights and first checks add (measured
 * in this thread before and after, with a collection first when --expose-gc allows; each worker thread
 * holds one such copy), and the CPU time of one text check on the API path, i.e. sent to the safety
 * worker pool as POST /api/v1/evaluate/safety does (process CPU time, so the worker thread's share, the
 * structured clone and the PII finders are counted).
 */

const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** Call before anything has loaded the injection network in this thread. */
export async function measureAddedRss(sampleTexts: string[]): Promise<number> {
  collect();
  const before = process.memoryUsage().rss;
  await loadInjectionClassifier();
  for (const text of sampleTexts) await detectInjection(text);
  collect();
  return round((process.memoryUsage().rss - before) / (1024 * 1024), 1);
}

export interface ApiPathCpu {
  samples: number;
  medianMsPerPrompt: number;
  p90MsPerPrompt: number;
}

export async function measureApiPathCpu(texts: string[]): Promise<ApiPathCpu> {
  await runTask("safety.checkText", { text: "warm-up", mode: "prompt" });
  const cpuMs: number[] = [];
  for (const text of texts) {
    const before = process.cpuUsage();
    await runTask("safety.checkText", { text, mode: "prompt" });
    const used = process.cpuUsage(before);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { samples: texts.length, medianMsPerPrompt: round(median(cpuMs), 3), p90MsPerPrompt: round(percentile(cpuMs, 90), 3) };
}
