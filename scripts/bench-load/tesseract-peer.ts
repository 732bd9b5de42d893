import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorker } from "tesseract.js";
import { evaluateOcrPage, ocrPages, readImagesManifest } from "../../lib/inference/ocr/evaluate-ocr-pages";
import { characterErrorRate } from "../../lib/inference/ocr/measure-text-errors";
import { median, round } from "../../lib/stats";

/**
 * The document peer: tesseract.js (the OCR a Node user would pick) against our OCR pipeline, on the
 * OCR pages with ground truth in the shared eval data, with the same CER normalisation
 * (lib/inference/ocr/measure-text-errors.ts). Its English data comes from the
 * @tesseract.js-data/eng npm package, read from node_modules: nothing is fetched at run time.
 */

const require = createRequire(import.meta.url);
export const tesseractVersion = (require("tesseract.js/package.json") as { version: string }).version;
const languageData = require("@tesseract.js-data/eng") as { langPath: string; gzip: boolean };
const languageDataVersion = (require("@tesseract.js-data/eng/package.json") as { version: string }).version;
export const languageDataName = `@tesseract.js-data/eng ${languageDataVersion} (${path.basename(languageData.langPath)})`;

export interface PeerPage {
  file: string;
  ours: { msMedian: number; cer: number };
  tesseract: { msMedian: number; cer: number };
}

export async function compareWithTesseract(evalDir: string, runs: number, onlyFirst = false): Promise<PeerPage[]> {
  const pages = ocrPages(readImagesManifest(evalDir)).slice(0, onlyFirst ? 1 : undefined);
  const cachePath = mkdtempSync(path.join(tmpdir(), "ie-bench-tesseract-"));
  // One worker, the default OEM (LSTM), as a Node user would start it; cacheMethod "none": the data is read from the package each time.
  const worker = await createWorker("eng", 1, { langPath: languageData.langPath, gzip: languageData.gzip, cachePath, cacheMethod: "none" });
  const out: PeerPage[] = [];
  try {
    await evaluateOcrPage(evalDir, pages[0], 1); // loads our three OCR models
    await worker.recognize(path.join(evalDir, "images", pages[0].file));
    for (const page of pages) {
      const ours = await evaluateOcrPage(evalDir, page, runs);
      const reference = readFileSync(path.join(evalDir, "images", page.ground_truth), "utf8");
      const times: number[] = [];
      let text = "";
      for (let i = 0; i < runs; i++) {
        const startedAt = performance.now();
        text = (await worker.recognize(path.join(evalDir, "images", page.file))).data.text;
        times.push(performance.now() - startedAt);
      }
      out.push({
        file: page.file,
        ours: { msMedian: round(ours.latencyMsMedian, 1), cer: round(ours.cer, 4) },
        tesseract: { msMedian: round(median(times), 1), cer: round(characterErrorRate(text, reference), 4) },
      });
    }
  } finally {
    await worker.terminate();
    rmSync(cachePath, { recursive: true, force: true });
  }
  return out;
}
