import "server-only";
import { yieldToEventLoop } from "../../yield-to-event-loop";
import { flaggedInMode } from "../classifier/fit-injection-model";
import { loadInjectionClassifier } from "../classifier/load-injection-classifier";
import type { SafetyRow } from "../dataset/safety-rows";
import { detectInjection } from "../detect-injection";

/**
 * Runs the shipped detector (committed weights, the same path as the API) over test rows, one text
 * at a time as the API does, keeping for each row its decision in both modes, each layer's decision
 * alone, and the CPU and wall time the check took.
 */

export interface ScoredTestRow {
  row: SafetyRow;
  promptFlag: boolean;
  documentFlag: boolean;
  signatureFlag: boolean;
  classifierFlag: boolean;
  /** Process CPU time (user + system) spent on this text, ms. */
  cpuMs: number;
  wallMs: number;
}

// A turn of the event loop every few rows: this also runs inside the server (the start-up model lab),
// where requests must keep being answered.
const YIELD_EVERY = 2;

export async function scoreTestRows(rows: SafetyRow[], onProgress?: (done: number) => void) {
  const classifier = await loadInjectionClassifier();
  await detectInjection("warm-up: the first call compiles the signature patterns");
  const scored: ScoredTestRow[] = [];
  for (const row of rows) {
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const d = await detectInjection(row.text);
    const wallMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const logit = d.logit ?? -Infinity;
    scored.push({
      row,
      promptFlag: d.flagged,
      documentFlag: flaggedInMode(classifier.thresholds, "document", logit, d.layers.signatures.score),
      signatureFlag: d.layers.signatures.score >= 0.5,
      classifierFlag: (d.layers.classifier.probability ?? 0) >= 0.5,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
    });
    if (scored.length % YIELD_EVERY === 0) {
      onProgress?.(scored.length);
      await yieldToEventLoop();
    }
  }
  return { scored, thresholds: classifier.thresholds, format: classifier.file.format };
}
