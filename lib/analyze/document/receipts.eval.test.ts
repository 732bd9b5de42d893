import { describe, expect, it } from "vitest";
import { getEnv } from "../../env";
import { readImagesManifest } from "../../inference/ocr/evaluate-ocr-pages";
import { evaluateReceipt, receipts } from "./evaluate-receipts";

// Merchant, date and total on the six German receipts of ../shared/eval/images/receipts, against the
// manifest's ground_truth_fields. scripts/bench-ocr.ts measured 6/6 on each field; note that the
// key-field rules were written while looking at these receipts, so this is not a held-out score.
const evalDir = getEnv().evalDataDir;

describe.skipIf(!evalDir)("key fields on the evaluation receipts", () => {
  const entries = evalDir ? receipts(readImagesManifest(evalDir)) : [];

  it("has the six receipts", () => {
    expect(entries).toHaveLength(6);
  });

  for (const name of ["aldi", "lidl", "apotheke", "ikea", "rossmann", "toom"]) {
    it(`finds merchant, date and total on the ${name} receipt`, { timeout: 240_000 }, async () => {
      const outcome = await evaluateReceipt(evalDir!, entries.find((e) => e.file.includes(`_${name}_`))!);
      expect(outcome.found.date).toBe(outcome.expected.date);
      expect(outcome.found.total).toBeCloseTo(outcome.expected.total_eur!, 2);
      expect(outcome.correct.merchant, `merchant read as ${outcome.found.merchant}`).toBe(true);
      // The total points at the line it was read from.
      const total = outcome.keyFields.total!;
      expect(total.rowText).toContain(total.lineText);
    });
  }
});
