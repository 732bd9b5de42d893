import "server-only";
import { readFile } from "node:fs/promises";
import { classifyImage } from "../../inference/classify-image";
import { decodeImage } from "../../inference/image/decode-image";
import { modelLabels } from "../../inference/model-labels";
import { loadModel } from "../../inference/session-pool";
import type { EvalImage } from "../eval-images";
import { inLabelGroup } from "../../inference/label-groups";

/**
 * Top-1 / top-5 accuracy of an ImageNet classifier on the labelled photos. A photo counts when one
 * of its expected labels names an ImageNet class (so "galaxy" photos, which no ImageNet class can
 * name, are left out rather than counted as misses); a prediction is right when a predicted class
 * name contains one of the photo's expected labels as a word ("Egyptian cat" for "cat") or the class
 * belongs to the label's WordNet group ("Staffordshire bullterrier" is a "dog"; the manifest's labelGroups).
 */

export interface ClassificationAccuracy {
  photos: number;
  top1: number;
  top5: number;
  /** Per photo, for the dashboard's drill-down. */
  perPhoto: { file: string; expected: string[]; top5: string[]; top1Correct: boolean; top5Correct: boolean }[];
}

const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

export function nameMatches(label: string, expected: string): boolean {
  return new RegExp(`(^|[^a-z])${expected.replace(/[^a-z ]/g, "")}s?($|[^a-z])`).test(label.toLowerCase());
}

export async function classificationAccuracy(modelId: string, photos: EvalImage[]): Promise<ClassificationAccuracy> {
  const loaded = await loadModel(modelId);
  const vocabulary = (await modelLabels(loaded)).map((l) => l.toLowerCase());
  const offset = loaded.entry.output?.kind === "classification" ? loaded.entry.output.labelOffset : 0;
  const classNames = vocabulary.slice(offset);
  const nameable = (expected: string) => Boolean(loaded.entry.labelGroups?.[expected]) || classNames.some((label) => nameMatches(label, expected));
  const scorable = photos.filter((photo) => photo.expectedLabels.some(nameable));
  const perPhoto: ClassificationAccuracy["perPhoto"] = [];
  for (const photo of scorable) {
    const image = await decodeImage(await readFile(photo.path), limits);
    const { labels } = await classifyImage(image, { modelId, k: 5 });
    const hit = (predicted: { label: string; index: number }) =>
      photo.expectedLabels.some((expected) => nameMatches(predicted.label, expected) || inLabelGroup(loaded.entry, predicted.index, expected));
    perPhoto.push({
      file: photo.file,
      expected: photo.expectedLabels,
      top5: labels.map((l) => l.label),
      top1Correct: hit(labels[0]),
      top5Correct: labels.some(hit),
    });
  }
  const share = (n: number) => (perPhoto.length ? Math.round((n / perPhoto.length) * 1000) / 1000 : 0);
  return {
    photos: perPhoto.length,
    top1: share(perPhoto.filter((p) => p.top1Correct).length),
    top5: share(perPhoto.filter((p) => p.top5Correct).length),
    perPhoto,
  };
}
