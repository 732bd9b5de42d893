import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { measureSafetyTestSplit } from "./benchmark/measure-safety-test-split";
import { REGRESSION_FIGURES_PATH, type RegressionFigures, regressedFigures, regressionFigures } from "./benchmark/regression-figures";
import { describeSafetyFiles, readSafetyFiles } from "./dataset/read-safety-files";
import { safetyRows } from "./dataset/safety-rows";

const evalDir = getEnv().evalDataDir;
const readJson = (file: string) => JSON.parse(readFileSync(path.join(process.cwd(), file), "utf8"));

// The stored figures were measured once by scripts/bench-safety.ts with the committed weights, after every
// design choice was made on train rows (docs/safety-detector.md). The detector is deterministic, so the
// margins (regression-figures.ts) leave room for code changes that should not matter, not for a
// regression. Failures name the figure, never its value: CI output must not become test data to tune by.
describe.skipIf(!evalDir)("prompt-injection detector on the test rows of the four evaluation files", () => {
  it("keeps every stored test figure within its margin", async () => {
    const stored = readJson(REGRESSION_FIGURES_PATH) as { figures: RegressionFigures };
    const { testSplit } = await measureSafetyTestSplit(evalDir!);
    expect(regressedFigures(stored.figures, regressionFigures(testSplit))).toEqual([]);
  }, 900_000);

  it("uses weights fitted on the train rows of the four files only (label corrections applied)", () => {
    const files = readSafetyFiles(evalDir!);
    const record = readJson(path.join("models", "safety", "injection-classifier.fit.json"));
    expect(record.data.files).toEqual(describeSafetyFiles(files));
    expect(record.data.split).toBe("train");
    expect(record.data.rows).toBe(safetyRows(files).filter((r) => r.split === "train").length);
    expect(files.injection.corrections.applied).toBe(25);
  });
});
