import "server-only";
import { readFile } from "node:fs/promises";
import { detectObjects, type DetectedObject } from "../../inference/detect-objects";
import { decodeImage } from "../../inference/image/decode-image";
import { modelLabels } from "../../inference/model-labels";
import { detectionF1 } from "../../inference/postprocess/match-detections";
import { loadModel } from "../../inference/session-pool";
import type { EvalImage } from "../eval-images";

/**
 * A detector variant's accuracy two ways: recall of the photos' expected labels that are COCO
 * classes ("dog" on the pets photo), and agreement with its parent model (F1 of boxes matched by
 * class and IoU >= 0.5), which is what quantization or pruning must preserve.
 */

export interface DetectionAccuracy {
  photos: number;
  /** Share of (photo, expected COCO label) pairs the detector found. */
  labelRecall: number;
  /** F1 against the parent's detections, when a parent was given. */
  parentAgreementF1?: number;
  perPhoto: { file: string; expected: string[]; found: string[]; parentF1?: number }[];
}

const limits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

/** F1 of detections against a reference set, matched one-to-one by class and IoU (see match-detections). */
export function matchF1(candidate: DetectedObject[], reference: DetectedObject[], iouThreshold = 0.5): number {
  const toBox = (o: DetectedObject) => ({
    x1: o.box.x,
    y1: o.box.y,
    x2: o.box.x + o.box.width,
    y2: o.box.y + o.box.height,
    score: o.score,
    classIndex: o.classIndex,
  });
  return detectionF1(reference.map(toBox), candidate.map(toBox), iouThreshold);
}

/** Label recall and mean F1 against the parent over some of the photos (e.g. only the test split). */
export function summarizeDetections(perPhoto: DetectionAccuracy["perPhoto"]): DetectionAccuracy {
  const expectedPairs = perPhoto.reduce((n, p) => n + p.expected.length, 0);
  const foundPairs = perPhoto.reduce((n, p) => n + p.expected.filter((label) => p.found.includes(label)).length, 0);
  const f1s = perPhoto.flatMap((p) => (p.parentF1 === undefined ? [] : [p.parentF1]));
  return {
    photos: perPhoto.length,
    labelRecall: expectedPairs ? Math.round((foundPairs / expectedPairs) * 1000) / 1000 : 0,
    ...(f1s.length ? { parentAgreementF1: Math.round((f1s.reduce((a, b) => a + b, 0) / f1s.length) * 1000) / 1000 } : {}),
    perPhoto,
  };
}

export async function detectionAccuracy(modelId: string, photos: EvalImage[], parentId?: string): Promise<DetectionAccuracy> {
  const cocoNames = new Set(await modelLabels(await loadModel(modelId)));
  const perPhoto: DetectionAccuracy["perPhoto"] = [];
  for (const photo of photos) {
    const image = await decodeImage(await readFile(photo.path), limits);
    const { objects } = await detectObjects(image, { modelId });
    const found = [...new Set(objects.map((o) => o.label))];
    const expected = photo.expectedLabels.filter((label) => cocoNames.has(label));
    let parentF1: number | undefined;
    if (parentId && parentId !== modelId) parentF1 = matchF1(objects, (await detectObjects(image, { modelId: parentId })).objects);
    perPhoto.push({ file: photo.file, expected, found, ...(parentF1 !== undefined ? { parentF1 } : {}) });
  }
  return summarizeDetections(perPhoto);
}
