import { describe, expect, it } from "vitest";
import { bucketWidth, paddingShare, planRecognitionBatches } from "./plan-recognition-batches";

const settings = { minWidthPx: 320, batchSize: 6, bucketPx: 64, maxPaddingShare: 0.2 };

describe("planRecognitionBatches", () => {
  it("rounds batch widths up to the bucket, never under the minimum width", () => {
    expect(bucketWidth(100, settings)).toBe(320);
    expect(bucketWidth(321, settings)).toBe(384);
    expect(bucketWidth(1024, settings)).toBe(1024);
  });

  it("covers every line once, each batch at least as wide as its lines and at most batchSize long", () => {
    const widths = [1015, 979, 333, 832, 869, 995, 843, 892, 120, 1500, 640, 700, 710, 705];
    const batches = planRecognitionBatches(widths, settings);
    expect(batches.flatMap((b) => b.indices).sort((a, b) => a - b)).toEqual(widths.map((_, i) => i));
    for (const batch of batches) {
      expect(batch.indices.length).toBeLessThanOrEqual(settings.batchSize);
      expect(batch.width % settings.bucketPx).toBe(0);
      for (const i of batch.indices) expect(batch.width).toBeGreaterThanOrEqual(widths[i]);
    }
  });

  it("keeps a short line out of a batch of long ones instead of padding it to their width", () => {
    // phototest's widths: sorted batches of 6 (the previous rule) padded the 333-px line to 979 px.
    const widths = [1015, 979, 333, 832, 869, 995, 843, 892];
    const batches = planRecognitionBatches(widths, settings);
    expect(batches[0]).toEqual({ indices: [2], width: 384 });
    const sortedSixes = [
      { indices: [2, 3, 6, 4, 7, 1], width: 979 },
      { indices: [5, 0], width: 1015 },
    ];
    expect(paddingShare(widths, batches)).toBeLessThan(paddingShare(widths, sortedSixes));
    expect(paddingShare(widths, batches)).toBeLessThanOrEqual(settings.maxPaddingShare);
  });

  it("puts lines of equal width in as few runs as the batch size allows", () => {
    const batches = planRecognitionBatches(new Array(13).fill(800), settings);
    expect(batches.map((b) => b.indices.length)).toEqual([6, 6, 1]);
    expect(new Set(batches.map((b) => b.width))).toEqual(new Set([832]));
  });
});
