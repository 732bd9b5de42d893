/**
 * Which line crops share a recognition run, and how wide that run's tensor is. A batch is padded to
 * its widest line, so lines of very different widths in one batch spend model time on padding:
 * lines are sorted by width (PaddleOCR's TextRecognizer sorts by aspect ratio too) and a batch is
 * closed early when the next line would make padding more than `maxPaddingShare` of its pixels.
 * Batch widths are rounded up to a multiple of `bucketPx`, so runs from different requests often
 * have equal shapes and the model queue can stack them into one run (it stacks equal shapes only).
 */

export interface BatchPlanSettings {
  /** No batch is narrower than this (PaddleOCR's rec_image_shape width, 320). */
  minWidthPx: number;
  batchSize: number;
  bucketPx: number;
  /** Share (0..1) of a batch's pixels that may be padding before a wider line starts a new batch. */
  maxPaddingShare: number;
}

export interface PlannedBatch {
  /** Indices into the widths given, narrowest first. */
  indices: number[];
  /** Width of the batch tensor: a multiple of bucketPx, at least minWidthPx, at least every line's width. */
  width: number;
}

export function bucketWidth(width: number, { minWidthPx, bucketPx }: Pick<BatchPlanSettings, "minWidthPx" | "bucketPx">): number {
  return Math.ceil(Math.max(width, minWidthPx) / bucketPx) * bucketPx;
}

/** Batches covering every index once; `widths` are the lines' natural crop widths at the model's height. */
export function planRecognitionBatches(widths: number[], settings: BatchPlanSettings): PlannedBatch[] {
  const order = widths.map((width, index) => ({ index, width })).sort((a, b) => a.width - b.width);
  const batches: PlannedBatch[] = [];
  let current: PlannedBatch | undefined;
  let ownPixels = 0;
  for (const line of order) {
    const width = bucketWidth(line.width, settings);
    const own = Math.max(line.width, settings.minWidthPx);
    if (current) {
      const padded = (current.indices.length + 1) * width;
      const full = current.indices.length >= settings.batchSize;
      if (!full && 1 - (ownPixels + own) / padded <= settings.maxPaddingShare) {
        current.indices.push(line.index);
        current.width = width;
        ownPixels += own;
        continue;
      }
    }
    current = { indices: [line.index], width };
    ownPixels = own;
    batches.push(current);
  }
  return batches;
}

/** Share of the planned tensors' pixels that is padding (for the benchmark's report). */
export function paddingShare(widths: number[], batches: PlannedBatch[]): number {
  const padded = batches.reduce((sum, b) => sum + b.indices.length * b.width, 0);
  const own = batches.reduce((sum, b) => sum + b.indices.reduce((s, i) => s + widths[i], 0), 0);
  return padded === 0 ? 0 : 1 - own / padded;
}
