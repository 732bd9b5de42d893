import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeImage } from "../../inference/image/decode-image";
import type { ManifestImage } from "../../inference/ocr/evaluate-ocr-pages";
import { median } from "../../stats";
import { recognizeText } from "../../inference/ocr/recognize-text";
import { foldText } from "./document-rows";
import { extractKeyFields, type KeyFields } from "./extract-key-fields";

/**
 * Key-field extraction on the receipts of ../shared/eval/images/receipts against the manifest's
 * `ground_truth_fields` (merchant, date, total_eur). Shared by scripts/bench-ocr.ts and the
 * eval-data test. A merchant counts when the ground-truth name is part of the extracted one
 * ("apotheke" in "DELPHIN APOTHEKE"), a date when the ISO dates are equal, a total when it is
 * within half a cent.
 */

export interface ReceiptOutcome {
  file: string;
  expected: { merchant?: string; date?: string; total_eur?: number };
  found: { merchant: string | null; date: string | null; total: number | null };
  correct: { merchant: boolean; date: boolean; total: boolean };
  lineCount: number;
  latencyMsMedian: number;
  keyFields: KeyFields;
}

const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 40_000_000 };

export function receipts(manifest: ManifestImage[]): (ManifestImage & { ground_truth_fields: NonNullable<ManifestImage["ground_truth_fields"]> })[] {
  return manifest.filter(
    (m): m is ManifestImage & { ground_truth_fields: NonNullable<ManifestImage["ground_truth_fields"]> } =>
      m.file.startsWith("receipts/") && m.ground_truth_fields !== undefined,
  );
}

export async function evaluateReceipt(
  evalDataDir: string,
  receipt: ManifestImage & { ground_truth_fields: NonNullable<ManifestImage["ground_truth_fields"]> },
  runs = 1,
): Promise<ReceiptOutcome> {
  const image = await decodeImage(readFileSync(path.join(evalDataDir, "images", receipt.file)), limits);
  const latencies: number[] = [];
  let keyFields: KeyFields | undefined;
  let lineCount = 0;
  for (let run = 0; run < runs; run++) {
    const startedAt = performance.now();
    const ocr = await recognizeText(image);
    keyFields = extractKeyFields(ocr.lines);
    latencies.push(performance.now() - startedAt);
    lineCount = ocr.lines.length;
  }
  const expected = receipt.ground_truth_fields;
  const found = {
    merchant: keyFields!.merchant?.value ?? null,
    date: keyFields!.date?.value ?? null,
    total: keyFields!.total?.amount ?? null,
  };
  const squash = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]/gu, "");
  return {
    file: receipt.file,
    expected,
    found,
    correct: {
      merchant: expected.merchant !== undefined && found.merchant !== null && squash(found.merchant).includes(squash(expected.merchant)),
      date: expected.date !== undefined && found.date === expected.date,
      total: expected.total_eur !== undefined && found.total !== null && Math.abs(found.total - expected.total_eur) < 0.005,
    },
    lineCount,
    latencyMsMedian: median(latencies),
    keyFields: keyFields!,
  };
}
