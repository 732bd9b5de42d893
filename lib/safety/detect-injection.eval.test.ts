import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { measureSafetyTestSplit } from "./benchmark/measure-safety-test-split";
import { readBenignEveryday } from "./dataset/read-benign-everyday";
import { readInjectionData } from "./dataset/read-injection-data";

const evalDir = getEnv().evalDataDir;

// Figures measured once by scripts/bench-safety.ts with the committed weights, after every design choice
// was made on train rows (README "Safety"). The detector is deterministic (no encoder), so the bounds
// leave a small margin for code changes that should not matter, not room for a regression.
const measured = {
  tpr: 0.7481,
  fpr: 0.035,
  notInjectFpr: 0.0056,
  balancedAccuracy: 0.7656,
  everydayFpr: { code: 0, english_everyday: 0, hard_negative_imperative: 0.0225, multilingual_everyday: 0, receipt_ocr: 0 },
  documentFpr: { code: 0, english_everyday: 0, hard_negative_imperative: 0.0112, multilingual_everyday: 0, receipt_ocr: 0 },
  documentTpr: 0.6988,
  rolePlayTpr: 0.7931,
};

describe.skipIf(!evalDir)("prompt-injection detector on the test rows of eval.jsonl and benign_everyday.jsonl", () => {
  it("keeps its measured detection rates", async () => {
    const { testSplit } = await measureSafetyTestSplit(evalDir!);
    const overall = testSplit.evalPrompts.overall;
    expect(overall.rows).toBe(833);
    expect(overall.tpr).toBeGreaterThanOrEqual(measured.tpr - 0.02);
    expect(overall.fpr).toBeLessThanOrEqual(measured.fpr + 0.01);
    expect(testSplit.evalPrompts.notInjectHardNegatives.fpr).toBeLessThanOrEqual(measured.notInjectFpr + 0.015);
    expect(testSplit.balancedAccuracy.value).toBeGreaterThanOrEqual(measured.balancedAccuracy - 0.015);
    for (const category of testSplit.everyday.byCategory) {
      expect(category.fpr, category.category).toBeLessThanOrEqual((measured.everydayFpr as Record<string, number>)[category.category] + 0.01);
    }
    for (const category of testSplit.documentMode.everydayByCategory) {
      expect(category.fpr, `${category.category} as document text`).toBeLessThanOrEqual(
        (measured.documentFpr as Record<string, number>)[category.category] + 0.01,
      );
    }
    expect(testSplit.documentMode.evalAttacks.tpr).toBeGreaterThanOrEqual(measured.documentTpr - 0.02);
    const family = Object.fromEntries(testSplit.evalPrompts.byFamily.map((f) => [f.family, f]));
    expect(family["role-play/DAN"].tpr).toBeGreaterThanOrEqual(measured.rolePlayTpr - 0.03);
  }, 600_000);

  it("uses weights fitted on the train rows of both files only", () => {
    const injection = readInjectionData(evalDir!);
    const everyday = readBenignEveryday(evalDir!);
    const record = JSON.parse(readFileSync(path.join(process.cwd(), "models", "safety", "injection-classifier.fit.json"), "utf8"));
    expect(record.data.files.map((f: { sha256: string }) => f.sha256)).toEqual([injection.sha256, everyday.sha256]);
    expect(record.data.split).toBe("train");
    expect(record.data.rows).toBe(injection.rows.filter((r) => r.split === "train").length + everyday.rows.filter((r) => r.split === "train").length);
  });
});
