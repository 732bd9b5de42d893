import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { measureTestSplit } from "./benchmark/measure-test-split";
import { readInjectionData } from "./dataset/read-injection-data";

const evalDir = getEnv().evalDataDir;

// Figures measured by scripts/bench-safety.ts with the committed weights (README "Safety"). The bounds
// leave a small margin for numeric drift in the encoder, not room for a regression.
const measured = { tpr: 0.857, fpr: 0.033, precision: 0.961, notInjectFpr: 0.017, signaturesTpr: 0.57, signaturesFpr: 0.019, classifierTpr: 0.891, classifierFpr: 0.037 };

describe.skipIf(!evalDir)("prompt-injection detector on the evaluation test split", () => {
  it("keeps its measured detection rates", async () => {
    const data = readInjectionData(evalDir!);
    const figures = await measureTestSplit(data.rows.filter((r) => r.split === "test"));
    expect(figures.overall.rows).toBe(833);
    expect(figures.overall.tpr).toBeGreaterThanOrEqual(measured.tpr - 0.03);
    expect(figures.overall.fpr).toBeLessThanOrEqual(measured.fpr + 0.015);
    expect(figures.overall.precision).toBeGreaterThanOrEqual(measured.precision - 0.03);
    expect(figures.notInjectHardNegatives.fpr).toBeLessThanOrEqual(measured.notInjectFpr + 0.02);
    expect(figures.layers.signaturesOnly.tpr).toBeGreaterThanOrEqual(measured.signaturesTpr - 0.03);
    expect(figures.layers.signaturesOnly.fpr).toBeLessThanOrEqual(measured.signaturesFpr + 0.015);
    expect(figures.layers.classifierOnly.tpr).toBeGreaterThanOrEqual(measured.classifierTpr - 0.03);
    expect(figures.layers.classifierOnly.fpr).toBeLessThanOrEqual(measured.classifierFpr + 0.015);
    // Jailbreak personas and code payloads are the families the signatures were written for.
    const byCategory = Object.fromEntries(figures.byCategory.map((c) => [`${c.category}|${c.label}`, c]));
    expect(byCategory["role-play/DAN|injection"].tpr).toBeGreaterThanOrEqual(0.8);
    expect(byCategory["code-execution/payload|injection"].tpr).toBeGreaterThanOrEqual(0.9);
  }, 900_000);

  it("uses weights fitted on this file's train split only", () => {
    const data = readInjectionData(evalDir!);
    const record = JSON.parse(readFileSync(path.join(process.cwd(), "models", "safety", "injection-classifier.fit.json"), "utf8"));
    expect(record.data.sha256).toBe(data.sha256);
    expect(record.data.split).toBe("train");
    expect(record.data.rows).toBe(data.rows.filter((r) => r.split === "train").length);
  });
});
