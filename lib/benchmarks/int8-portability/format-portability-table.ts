import type { ModelComparison } from "./compare-cpu-runs";

/** The markdown tables of docs/int8-portability.md's generated block. */

const METRIC_NAMES: Record<string, string> = {
  "top1-agreement": "top-1 agreement",
  "detection-f1": "detection F1",
  "probability-map-iou": "probability-map IoU (p > 0.3)",
  "text-agreement": "1 - CER",
};

const ANSWER_NAMES: Record<string, string> = {
  "image-classification": "top-1 label",
  "object-detection": "detections (class, IoU ≥ 0.9)",
  "text-detection": "binarised text map",
  "text-recognition": "line text",
};

const INPUT_NAMES: Record<string, string> = {
  "image-classification": "photos",
  "object-detection": "photos",
  "text-detection": "pages (OCR pages, rotated copies, receipts)",
  "text-recognition": "text lines cut from upright pages",
};

function formatDifference(value: number): string {
  if (value === 0) return "0 (bit-identical)";
  return value >= 0.01 ? value.toFixed(3) : value.toExponential(1);
}

const option = (on: boolean) => (on ? "on" : "off");

export function formatPortabilityTable(rows: { label: string; origin: string; comparison: ModelComparison }[]): string {
  const lines = [
    "| model | int8 from | inputs | same answer | agreement | max raw output difference | x64quantprecision (reference / other) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { label, origin, comparison: c } of rows) {
    lines.push(
      `| ${label} | ${origin} | ${c.inputs} ${INPUT_NAMES[c.task] ?? "inputs"} | ${c.sameAnswers}/${c.inputs} (${ANSWER_NAMES[c.task] ?? "answer"}) | ${METRIC_NAMES[c.agreement.metric] ?? c.agreement.metric} ${c.agreement.value.toFixed(4)} | ${formatDifference(c.maxAbsDifference)} | ${option(c.precisionOption.reference)} / ${option(c.precisionOption.other)} |`,
    );
  }
  return lines.join("\n");
}

/** Each differing answer, so a reader sees what changed (at most `limit` per model). */
export function formatDifferences(rows: { label: string; comparison: ModelComparison }[], limit = 8): string {
  const lines: string[] = [];
  for (const { label, comparison } of rows) {
    for (const d of comparison.differing.slice(0, limit)) lines.push(`- ${label}, \`${d.source}\`: "${d.reference}" → "${d.other}"`);
    if (comparison.differing.length > limit) lines.push(`- ${label}: ${comparison.differing.length - limit} more`);
  }
  return lines.length ? lines.join("\n") : "- none: every answer is the same.";
}
