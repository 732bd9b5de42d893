import "server-only";
import { readFile } from "node:fs/promises";
import { classifyImage } from "../../inference/classify-image";
import { decodeImage } from "../../inference/image/decode-image";
import { modelLabels } from "../../inference/model-labels";
import { loadModel } from "../../inference/session-pool";
import type { EvalImage } from "../eval-images";
import { inLabelGroup } from "../../inference/label-groups";

/**
 * Top-1 / top-5 accuracy of an ImageNet classifier on the labelled photos, two ways. A photo counts
 * when one of its expected labels can be named by an ImageNet class, by the class's name or through
 * a WordNet group (so "galaxy" photos, which no class can name, are left out rather than counted as
 * misses). On those photos a prediction is right:
 *  - strictly, when the predicted class's own name contains an expected label as a word ("Egyptian
 *    cat" for "cat");
 *  - leniently, also when the class belongs to the label's WordNet group (the manifest's
 *    labelGroups: "espresso" is "coffee", "Staffordshire bullterrier" is a "dog").
 * The groups were written for this data set's labels, so the lenient figure is the kinder one.
 */

export interface TopK {
  top1: number;
  top5: number;
}

export interface ClassificationAccuracy {
  photos: number;
  strict: TopK;
  lenient: TopK;
  /** Per photo, for the dashboard's drill-down. */
  perPhoto: { file: string; expected: string[]; top5: string[]; top1Correct: boolean; top5Correct: boolean; top1Strict: boolean; top5Strict: boolean }[];
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
    const strictHit = (predicted: { label: string }) => photo.expectedLabels.some((expected) => nameMatches(predicted.label, expected));
    const hit = (predicted: { label: string; index: number }) =>
      strictHit(predicted) || photo.expectedLabels.some((expected) => inLabelGroup(loaded.entry, predicted.index, expected));
    perPhoto.push({
      file: photo.file,
      expected: photo.expectedLabels,
      top5: labels.map((l) => l.label),
      top1Correct: hit(labels[0]),
      top5Correct: labels.some(hit),
      top1Strict: strictHit(labels[0]),
      top5Strict: labels.some(strictHit),
    });
  }
  const share = (key: "top1Correct" | "top5Correct" | "top1Strict" | "top5Strict") =>
    perPhoto.length ? Math.round((perPhoto.filter((p) => p[key]).length / perPhoto.length) * 1000) / 1000 : 0;
  return {
    photos: perPhoto.length,
    strict: { top1: share("top1Strict"), top5: share("top5Strict") },
    lenient: { top1: share("top1Correct"), top5: share("top5Correct") },
    perPhoto,
  };
}
