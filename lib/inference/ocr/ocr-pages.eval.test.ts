import { describe, expect, it } from "vitest";
import { getEnv } from "../../env";
import { evaluateOcrPage, ocrPages, readImagesManifest } from "./evaluate-ocr-pages";

// Real PP-OCRv4 models on the OCR pages with ground truth in ../shared/eval/images/ocr. Bounds are
// what scripts/bench-ocr.ts measured, with a margin, so a regression fails (see README, "Documents and OCR").
const evalDir = getEnv().evalDataDir;

const expectations: Record<string, { maxCer: number; minLines: number; rotation: number }> = {
  // measured: CER 0.0%, 8/8 lines, for the page and each of its rotated copies
  "ocr/tesseract_phototest.tif": { maxCer: 0.02, minLines: 7, rotation: 0 },
  "ocr/tesseract_phototest-rotated-180.png": { maxCer: 0.02, minLines: 7, rotation: 180 },
  "ocr/tesseract_phototest-rotated-L.png": { maxCer: 0.02, minLines: 7, rotation: 90 },
  "ocr/tesseract_phototest-rotated-R.png": { maxCer: 0.02, minLines: 7, rotation: 270 },
  // measured: CER 2.4%, 6/12 lines ("„", "«" and "ö" are not in the recogniser's dictionary)
  "ocr/tesseract_eurotext.tif": { maxCer: 0.05, minLines: 4, rotation: 0 },
  // measured: CER 3.0%, 4/7 lines since recognition batches by width (3.7%, 3/7 before; a photographed page with uneven light; spaces dropped)
  "ocr/skimage_page.png": { maxCer: 0.08, minLines: 2, rotation: 0 },
};

describe.skipIf(!evalDir)("OCR on the evaluation pages", () => {
  const pages = evalDir ? ocrPages(readImagesManifest(evalDir)) : [];

  it("has ground truth for every page it expects", () => {
    expect(pages.map((p) => p.file).sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const file of Object.keys(expectations)) {
    it(`reads ${file} within its CER bound, in the right orientation`, { timeout: 180_000 }, async () => {
      const page = pages.find((p) => p.file === file)!;
      const outcome = await evaluateOcrPage(evalDir!, page);
      const expected = expectations[file];
      expect(outcome.cer, outcome.result.fullText).toBeLessThanOrEqual(expected.maxCer);
      expect(outcome.lineCorrect).toBeGreaterThanOrEqual(expected.minLines);
      expect(outcome.pageRotationDegrees).toBe(expected.rotation);
      // Boxes come back in the pixels of the image as given, inside it.
      for (const line of outcome.result.lines) {
        expect(line.box.x).toBeGreaterThanOrEqual(0);
        expect(line.box.y).toBeGreaterThanOrEqual(0);
        expect(line.polygon).toHaveLength(4);
      }
    });
  }

  it("puts the lines of a sideways page where they are in the uploaded image (tall boxes)", { timeout: 180_000 }, async () => {
    const outcome = await evaluateOcrPage(evalDir!, pages.find((p) => p.file === "ocr/tesseract_phototest-rotated-L.png")!);
    const first = outcome.result.lines[0];
    expect(first.text).toMatch(/^This is a lot of 12 point text/);
    expect(first.box.height).toBeGreaterThan(3 * first.box.width);
  });
});
