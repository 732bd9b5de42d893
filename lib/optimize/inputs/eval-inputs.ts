import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as ort from "onnxruntime-node";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { imageFileTensor } from "./image-tensor";
import { findTextLines, ocrDetectionTensor, ocrRecognitionTensor } from "./ocr-tensors";

/**
 * Real inputs for calibration, validation and test, built from the public evaluation images
 * (EVAL_DATA_DIR/images). Three disjoint splits (see splitEvalImages): ranges are fitted on
 * `calibration`, choices (accuracy-aware tuning) are made on `validation`, and `test` is kept for
 * reporting: a variant's agreement with its parent and its task accuracy are measured on images it
 * was neither calibrated nor tuned on.
 */

export interface NamedInput {
  /** Where the input came from, e.g. `photos/coral_owl.jpg` or `ocr/skimage_page.png#line3`. */
  source: string;
  feeds: Record<string, ort.Tensor>;
}

export interface InputSplit {
  calibration: NamedInput[];
  validation: NamedInput[];
  test: NamedInput[];
}

export type SplitRole = keyof InputSplit;

interface EvalImage {
  file: string;
  expect_error?: boolean;
  expected_labels?: string;
  ground_truth?: string;
}

export function listEvalImages(evalDir: string, folders: string[]): EvalImage[] {
  const manifestPath = path.join(evalDir, "images", "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as EvalImage[];
  return manifest
    .filter((image) => folders.some((f) => image.file.startsWith(`${f}/`)) && !image.expect_error)
    .filter((image) => existsSync(path.join(evalDir, "images", image.file)))
    .sort((a, b) => a.file.localeCompare(b.file));
}

const PAGE_TASKS = new Set(["text-detection", "text-recognition"]);

/** Rotated copies of a page ("x-rotated-L.png") belong with the page ("x.tif"): the same text must not sit in two splits. */
export const sourceGroup = (file: string) => file.replace(/-rotated-[^./]+/, "").replace(/\.[^./]+$/, "");

/**
 * Which split each image belongs to, by task (files sorted by name, so the split never changes):
 *  - photos: every odd position is test (13 of the 26 photos, the held-out half used before),
 *    positions 0, 4, 8... calibrate and 2, 6, 10... validate;
 *  - OCR pages: every page with ground truth, and its rotated copies, is test (those are the pages
 *    the benchmark scores); the other sources (the receipts) alternate calibration / validation.
 */
export function splitEvalImages<T extends EvalImage>(images: T[], task: string): Record<SplitRole, T[]> {
  const sorted = [...images].sort((a, b) => a.file.localeCompare(b.file));
  const roles: Record<SplitRole, T[]> = { calibration: [], validation: [], test: [] };
  if (!PAGE_TASKS.has(task)) {
    sorted.forEach((image, i) => roles[i % 2 === 1 ? "test" : i % 4 === 0 ? "calibration" : "validation"].push(image));
    return roles;
  }
  const scored = new Set(sorted.filter((i) => i.ground_truth).map((i) => sourceGroup(i.file)));
  const others = [...new Set(sorted.map((i) => sourceGroup(i.file)).filter((g) => !scored.has(g)))];
  for (const image of sorted) {
    const group = sourceGroup(image.file);
    roles[scored.has(group) ? "test" : others.indexOf(group) % 2 === 0 ? "calibration" : "validation"].push(image);
  }
  return roles;
}

/** The images of a task's test split (what the benchmark may score a calibrated variant on). */
export function testSplitFiles(evalDir: string, task: string): Set<string> {
  const folders = PAGE_TASKS.has(task) ? ["ocr", "receipts"] : ["photos"];
  return new Set(splitEvalImages(listEvalImages(evalDir, folders), task).test.map((i) => i.file));
}

export async function buildEvalInputs(options: {
  entry: ModelEntry;
  inputName: string;
  evalDir: string;
  limitPerSplit?: number;
  /** Build only these splits (the others come back empty); default all three. */
  splits?: SplitRole[];
}): Promise<InputSplit> {
  const { entry, inputName, evalDir } = options;
  const limit = options.limitPerSplit ?? Infinity;
  const file = (f: string) => path.join(evalDir, "images", f);
  const feeds = (tensor: ort.Tensor) => ({ [inputName]: tensor });
  const take = async (images: EvalImage[], make: (f: string) => Promise<NamedInput[]>) => {
    const out: NamedInput[] = [];
    for (const image of images) {
      if (out.length >= limit) break;
      out.push(...(await make(image.file)));
    }
    return out.slice(0, limit);
  };
  let build: (f: string) => Promise<NamedInput[]>;
  let images: EvalImage[];
  switch (entry.task) {
    case "object-detection":
    case "image-classification": {
      const spec = entry.input;
      if (!spec) throw new Error(`model ${entry.id} has no input spec in the manifest`);
      images = listEvalImages(evalDir, ["photos"]);
      build = async (f) => [{ source: f, feeds: feeds(await imageFileTensor(file(f), spec)) }];
      break;
    }
    case "text-detection":
      images = listEvalImages(evalDir, ["ocr", "receipts"]);
      build = async (f) => [{ source: f, feeds: feeds(await ocrDetectionTensor(file(f))) }];
      break;
    case "text-recognition":
      // Rotated pages have no horizontal lines for the projection profile to find.
      images = listEvalImages(evalDir, ["ocr", "receipts"]).filter((i) => !i.file.includes("rotated"));
      build = async (f) => {
        const lines = await findTextLines(file(f));
        return Promise.all(lines.map(async (line, i) => ({ source: `${f}#line${i}`, feeds: feeds(await ocrRecognitionTensor(line)) })));
      };
      break;
    default:
      throw new Error(`no evaluation inputs for task ${entry.task}`);
  }
  const roles = splitEvalImages(images, entry.task);
  if (Object.values(roles).some((r) => r.length === 0))
    throw new Error(`too few evaluation images for ${entry.id} in ${evalDir} to fill the calibration, validation and test splits`);
  const wanted = new Set(options.splits ?? ["calibration", "validation", "test"]);
  const built = async (role: SplitRole) => (wanted.has(role) ? take(roles[role], build) : []);
  return { calibration: await built("calibration"), validation: await built("validation"), test: await built("test") };
}
