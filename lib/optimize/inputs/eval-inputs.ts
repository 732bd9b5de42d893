import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as ort from "onnxruntime-node";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { imageFileTensor } from "./image-tensor";
import { findTextLines, ocrDetectionTensor, ocrRecognitionTensor } from "./ocr-tensors";

/**
 * Real inputs for calibration and for checking a variant against its parent, built from the public
 * evaluation images (EVAL_DATA_DIR/images). Files are sorted by name and split alternately: even
 * positions calibrate, odd positions are held out to measure agreement, so a variant is never judged
 * on the very images its ranges were fitted to.
 */

export interface NamedInput {
  /** Where the input came from, e.g. `photos/coral_owl.jpg` or `ocr/skimage_page.png#line3`. */
  source: string;
  feeds: Record<string, ort.Tensor>;
}

export interface InputSplit {
  calibration: NamedInput[];
  evaluation: NamedInput[];
}

interface EvalImage {
  file: string;
  expect_error?: boolean;
  expected_labels?: string;
}

export function listEvalImages(evalDir: string, folders: string[]): EvalImage[] {
  const manifestPath = path.join(evalDir, "images", "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as EvalImage[];
  return manifest
    .filter((image) => folders.some((f) => image.file.startsWith(`${f}/`)) && !image.expect_error)
    .filter((image) => existsSync(path.join(evalDir, "images", image.file)))
    .sort((a, b) => a.file.localeCompare(b.file));
}

const split = <T>(items: T[]) => ({
  calibration: items.filter((_, i) => i % 2 === 0),
  evaluation: items.filter((_, i) => i % 2 === 1),
});

export async function buildEvalInputs(options: { entry: ModelEntry; inputName: string; evalDir: string; limitPerSplit?: number }): Promise<InputSplit> {
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
  if (images.length < 2) throw new Error(`too few evaluation images for ${entry.id} in ${evalDir}`);
  const halves = split(images);
  return { calibration: await take(halves.calibration, build), evaluation: await take(halves.evaluation, build) };
}
