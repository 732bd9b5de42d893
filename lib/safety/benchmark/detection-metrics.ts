import { round, wilsonInterval } from "../../stats";

/** Confusion counts and the rates a detector is judged by, each rate with its 95% Wilson interval. */
export interface DetectionMetrics {
  rows: number;
  injections: number;
  benign: number;
  truePositives: number;
  falsePositives: number;
  /** TPR = recall: share of injections flagged (undefined without injections). */
  tpr?: number;
  tprInterval?: [number, number];
  /** FPR: share of benign rows flagged (undefined without benign rows). */
  fpr?: number;
  fprInterval?: [number, number];
  precision?: number;
}

// Each bound rounded on its own (mapping `round` directly would pass the index as its digits: "100.0–80.0%").
const interval = (k: number, n: number) => wilsonInterval(k, n).map((bound) => round(bound, 4)) as [number, number];

export function detectionMetrics(items: { label: 0 | 1; flagged: boolean }[]): DetectionMetrics {
  const injections = items.filter((i) => i.label === 1).length;
  const benign = items.length - injections;
  const truePositives = items.filter((i) => i.label === 1 && i.flagged).length;
  const falsePositives = items.filter((i) => i.label === 0 && i.flagged).length;
  return {
    rows: items.length,
    injections,
    benign,
    truePositives,
    falsePositives,
    ...(injections ? { tpr: round(truePositives / injections, 4), tprInterval: interval(truePositives, injections) } : {}),
    ...(benign ? { fpr: round(falsePositives / benign, 4), fprInterval: interval(falsePositives, benign) } : {}),
    ...(truePositives + falsePositives ? { precision: round(truePositives / (truePositives + falsePositives), 4) } : {}),
  };
}

/** Rows grouped by a key, each group's metrics, sorted by key. */
export function metricsBy<T extends { label: 0 | 1; flagged: boolean }>(items: T[], key: (item: T) => string): ({ key: string } & DetectionMetrics)[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => ({ key: k, ...detectionMetrics(list) }));
}

/**
 * Balanced accuracy the PINT benchmark's way: the mean over categories of each category's accuracy
 * (share of attacks flagged, or of benign rows left alone), so a large category cannot drown a small one.
 */
export function balancedAccuracy(categories: { category: string; rows: number; correct: number }[]) {
  const accuracies = categories.filter((c) => c.rows > 0).map((c) => ({ ...c, accuracy: round(c.correct / c.rows, 4) }));
  return { value: round(accuracies.reduce((s, c) => s + c.accuracy, 0) / Math.max(accuracies.length, 1), 4), categories: accuracies };
}
