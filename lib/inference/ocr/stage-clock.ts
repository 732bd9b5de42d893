/**
 * Time spent in the OCR pipeline's JavaScript stages (crop, tensor building, box finding, CTC
 * decode...), added up per stage name in this process. scripts/bench-ocr.ts resets it before a
 * page and reads it after, to say which pure-JS stage is worth making cheaper; concurrent requests
 * add into the same totals, so only a script that reads one page at a time gets per-page figures.
 * The cost is two performance.now() calls per stage call (tens per page), so it stays on in serving.
 */

const totals = new Map<string, number>();

export type OcrStage = "detect_tensor" | "find_boxes" | "grey_levels" | "crop" | "tensor" | "ctc_decode";

export function timeStage<T>(stage: OcrStage, work: () => T): T {
  const startedAt = performance.now();
  try {
    return work();
  } finally {
    totals.set(stage, (totals.get(stage) ?? 0) + performance.now() - startedAt);
  }
}

/** The totals since the last reset, in milliseconds, and a fresh start. */
export function takeStageTotals(): Partial<Record<OcrStage, number>> {
  const taken = Object.fromEntries(totals) as Partial<Record<OcrStage, number>>;
  totals.clear();
  return taken;
}
