import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../../lib/env";
import { ocrPages, readImagesManifest } from "../../lib/inference/ocr/evaluate-ocr-pages";
import { characterErrorRate } from "../../lib/inference/ocr/measure-text-errors";
import { tesseractSetupFor } from "./peer-plan";
import { openTesseractPool, type TesseractPool } from "./tesseract-side";

// The peer's configuration on the evaluation pages: OSD is planned for the turned copies of phototest and nothing else,
// and it is what lets tesseract.js read them (without it the same page reads as noise).
const evalDir = getEnv().evalDataDir;

describe.skipIf(!evalDir)("tesseract.js as the OCR peer", () => {
  const pages = evalDir ? ocrPages(readImagesManifest(evalDir)) : [];
  let pool: TesseractPool;
  const rotated = tesseractSetupFor({ file: "rotated", expected_labels: "rotated" });
  const upright = tesseractSetupFor({ file: "upright", expected_labels: "text" });

  beforeAll(async () => {
    pool = await openTesseractPool(1, [rotated, upright]);
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
  });

  it("plans orientation detection for the three turned copies of phototest only", () => {
    const withOsd = pages.filter((p) => tesseractSetupFor(p).orientationDetection).map((p) => p.file);
    expect(withOsd.sort()).toEqual([
      "ocr/tesseract_phototest-rotated-180.png",
      "ocr/tesseract_phototest-rotated-L.png",
      "ocr/tesseract_phototest-rotated-R.png",
    ]);
  });

  it("reads a page turned by 90 degrees with OSD, and not without it", { timeout: 120_000 }, async () => {
    const page = pages.find((p) => p.file === "ocr/tesseract_phototest-rotated-L.png")!;
    const bytes = readFileSync(path.join(evalDir!, "images", page.file));
    const reference = readFileSync(path.join(evalDir!, "images", page.ground_truth), "utf8");
    // measured: CER 0.0% with OSD (mode 1), about 80% without (the old peer's figure)
    expect(characterErrorRate(await pool.read(bytes, rotated), reference)).toBeLessThan(0.02);
    expect(characterErrorRate(await pool.read(bytes, upright), reference)).toBeGreaterThan(0.5);
  });
});
