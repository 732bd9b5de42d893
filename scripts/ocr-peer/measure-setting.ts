/**
 * One thread setting of the OCR peer comparison, in its own process (started by run-settings.ts with
 * ORT_INTRA_OP_THREADS set, as our sessions read it once):
 *
 *   node --import tsx --conditions=react-server scripts/ocr-peer/measure-setting.ts --threads 2 --runs 3 --out rows.json [--quick-pages]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../../lib/env";
import { decodeImage } from "../../lib/inference/image/decode-image";
import { ocrPages, readImagesManifest } from "../../lib/inference/ocr/evaluate-ocr-pages";
import { characterErrorRate } from "../../lib/inference/ocr/measure-text-errors";
import { recognizeText } from "../../lib/inference/ocr/recognize-text";
import { median, round } from "../../lib/stats";
import { requireEvalDir } from "../require-eval-dir";
import { isRotatedPage, quickPages, tesseractSetupFor, threadSetting } from "./peer-plan";
import type { PeerRow, SideFigures } from "./peer-result";
import { openTesseractPool } from "./tesseract-side";

type Read = (bytes: Buffer) => Promise<string>;

/** Ours as the document route runs it: decode with the served limits, then the whole OCR pipeline. */
async function readWithOurs(bytes: Buffer): Promise<string> {
  const env = getEnv();
  const image = await decodeImage(bytes, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
  return (await recognizeText(image)).fullText;
}

async function timed(read: Read, bytes: Buffer): Promise<{ ms: number; text: string }> {
  const startedAt = performance.now();
  const text = await read(bytes);
  return { ms: performance.now() - startedAt, text };
}

/** `runs` pages per lane, `lanes` lanes at once: wall time per page. */
async function busyMsPerPage(read: Read, bytes: Buffer, runs: number, lanes: number): Promise<number> {
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = 0; i < runs; i++) await read(bytes);
    }),
  );
  return (performance.now() - startedAt) / (runs * lanes);
}

async function measureSetting(evalDir: string, threads: number, runs: number, quick: boolean): Promise<PeerRow[]> {
  const setting = threadSetting(threads);
  if (getEnv().ORT_INTRA_OP_THREADS !== setting.ortIntraOpThreads) {
    throw new Error(
      `ORT_INTRA_OP_THREADS is ${getEnv().ORT_INTRA_OP_THREADS}, the setting needs ${setting.ortIntraOpThreads}: start this through run-settings.ts`,
    );
  }
  const manifest = readImagesManifest(evalDir);
  const pages = quick ? quickPages(ocrPages(manifest)) : ocrPages(manifest);
  const pool = await openTesseractPool(setting.tesseractWorkers, pages.map(tesseractSetupFor));
  const rows: PeerRow[] = [];
  try {
    for (const page of pages) {
      const bytes = readFileSync(path.join(evalDir, "images", page.file));
      const reference = readFileSync(path.join(evalDir, "images", page.ground_truth), "utf8");
      const setup = tesseractSetupFor(page);
      const sides: Record<"ours" | "tesseract", Read> = { ours: readWithOurs, tesseract: (b) => pool.read(b, setup) };
      // Untimed warm-up of both (models loaded, every tesseract.js worker used once), then the two sides take turns
      // run by run, so whatever else loads the machine falls on both alike.
      await readWithOurs(bytes);
      await Promise.all(Array.from({ length: setting.tesseractWorkers }, () => pool.read(bytes, setup)));
      const samples = { ours: [] as { ms: number; text: string }[], tesseract: [] as { ms: number; text: string }[] };
      for (let i = 0; i < runs; i++) {
        samples.ours.push(await timed(sides.ours, bytes));
        samples.tesseract.push(await timed(sides.tesseract, bytes));
      }
      const figures = async (side: "ours" | "tesseract"): Promise<SideFigures> => {
        const times = samples[side].map((s) => s.ms);
        // One lane is what the timed runs already did; more lanes are measured separately.
        const busy = threads === 1 ? times.reduce((a, b) => a + b, 0) / times.length : await busyMsPerPage(sides[side], bytes, runs, threads);
        return { msMedian: round(median(times), 1), msPerPageBusy: round(busy, 1), cer: round(characterErrorRate(samples[side].at(-1)!.text, reference), 4) };
      };
      const ours = await figures("ours");
      const tesseract = await figures("tesseract");
      rows.push({ file: page.file, rotated: isRotatedPage(page), threads, orientationDetection: setup.orientationDetection, ours, tesseract });
      console.error(
        `[ocr-peer threads=${threads}] ${page.file}: ours ${ours.msMedian} ms CER ${ours.cer}, tesseract.js ${tesseract.msMedian} ms CER ${tesseract.cer}`,
      );
    }
  } finally {
    await pool.close();
  }
  return rows;
}

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = option("--out");
if (!out) throw new Error("--out <file> is required");
const rows = await measureSetting(requireEvalDir(), Number(option("--threads")), Number(option("--runs") ?? 3), args.includes("--quick-pages"));
writeFileSync(out, JSON.stringify(rows));
process.exit(0);
