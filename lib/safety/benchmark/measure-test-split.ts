import "server-only";
import { yieldToEventLoop } from "../../jobs/yield-to-event-loop";
import { detectInjections } from "../detect-injection";
import type { InjectionRow } from "../dataset/read-injection-data";
import { sourceGroupOf } from "../dataset/read-injection-data";
import { detectionMetrics, type DetectionMetrics } from "./detection-metrics";

/**
 * Runs the shipped detector (committed weights, the same path as the API) over rows and reports
 * detection overall, per category, per language, per source group and per layer.
 */

export interface TestSplitFigures {
  overall: DetectionMetrics;
  threshold: number;
  layers: { signaturesOnly: DetectionMetrics; classifierOnly: DetectionMetrics };
  notInjectHardNegatives: DetectionMetrics;
  byCategory: ({ category: string; label: string } & DetectionMetrics)[];
  byLanguage: ({ lang: string } & DetectionMetrics)[];
  bySourceGroup: ({ source: string } & DetectionMetrics)[];
  timingsMs: { normalize: number[]; signatures: number[] };
}

// Small batches with a turn of the event loop between them: this also runs inside the server (the
// start-up model lab), where requests must keep being answered.
const BATCH = 2;

export async function measureTestSplit(rows: InjectionRow[], onProgress?: (done: number) => void): Promise<TestSplitFigures> {
  const scored: { row: InjectionRow; label: 0 | 1; flagged: boolean; signatureFlag: boolean; classifierFlag: boolean }[] = [];
  const timings = { normalize: [] as number[], signatures: [] as number[] };
  let threshold = 0.5;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const results = await detectInjections(batch.map((r) => r.text));
    results.forEach((r, k) => {
      threshold = r.threshold;
      timings.normalize.push(r.timings.normalizeMs);
      timings.signatures.push(r.timings.signaturesMs);
      scored.push({
        row: batch[k],
        label: batch[k].label === "injection" ? 1 : 0,
        flagged: r.flagged,
        signatureFlag: r.layers.signatures.score >= 0.5,
        classifierFlag: (r.layers.classifier.probability ?? 0) >= 0.5,
      });
    });
    onProgress?.(scored.length);
    await yieldToEventLoop();
  }
  const group = <K extends string>(key: (s: (typeof scored)[number]) => K) => {
    const map = new Map<K, typeof scored>();
    for (const s of scored) map.set(key(s), [...(map.get(key(s)) ?? []), s]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    overall: detectionMetrics(scored),
    threshold,
    layers: {
      signaturesOnly: detectionMetrics(scored.map((s) => ({ label: s.label, flagged: s.signatureFlag }))),
      classifierOnly: detectionMetrics(scored.map((s) => ({ label: s.label, flagged: s.classifierFlag }))),
    },
    notInjectHardNegatives: detectionMetrics(scored.filter((s) => sourceGroupOf(s.row.source) === "PIGuard-NotInject")),
    byCategory: group((s) => `${s.row.category}|${s.row.label}`).map(([key, items]) => {
      const [category, label] = key.split("|");
      return { category, label, ...detectionMetrics(items) };
    }),
    byLanguage: group((s) => s.row.lang).map(([lang, items]) => ({ lang, ...detectionMetrics(items) })),
    bySourceGroup: group((s) => sourceGroupOf(s.row.source)).map(([source, items]) => ({ source, ...detectionMetrics(items) })),
    timingsMs: timings,
  };
}
