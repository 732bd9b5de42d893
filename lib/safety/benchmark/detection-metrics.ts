/** Confusion counts and the rates a detector is judged by. */
export interface DetectionMetrics {
  rows: number;
  injections: number;
  benign: number;
  truePositives: number;
  falsePositives: number;
  /** TPR = recall: share of injections flagged (undefined without injections). */
  tpr?: number;
  /** FPR: share of benign rows flagged (undefined without benign rows). */
  fpr?: number;
  precision?: number;
  f1?: number;
}

export function detectionMetrics(items: { label: 0 | 1; flagged: boolean }[]): DetectionMetrics {
  const injections = items.filter((i) => i.label === 1).length;
  const benign = items.length - injections;
  const truePositives = items.filter((i) => i.label === 1 && i.flagged).length;
  const falsePositives = items.filter((i) => i.label === 0 && i.flagged).length;
  const tpr = injections ? truePositives / injections : undefined;
  const fpr = benign ? falsePositives / benign : undefined;
  const precision = truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : undefined;
  const f1 = precision !== undefined && tpr !== undefined && precision + tpr > 0 ? (2 * precision * tpr) / (precision + tpr) : undefined;
  return { rows: items.length, injections, benign, truePositives, falsePositives, tpr, fpr, precision, f1 };
}
