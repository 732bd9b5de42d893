import "server-only";
import { getEnv } from "../env";
import { yieldToEventLoop } from "../yield-to-event-loop";
import { evaluateOcrPage, ocrPages, readImagesManifest } from "../inference/ocr/evaluate-ocr-pages";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry } from "../models/manifest-schema";
import { compareOutputs } from "../optimize/agreement/compare-outputs";
import type { NamedInput } from "../optimize/inputs/eval-inputs";
import { runModelOutputs } from "../optimize/run-model-outputs";
import { classificationAccuracy } from "./accuracy/classification-accuracy";
import { detectionAccuracy, summarizeDetections } from "./accuracy/detection-accuracy";
import { testSplitFiles } from "../optimize/inputs/eval-inputs";
import { loadEvalPhotos } from "./eval-images";
import type { AccuracyMeasurement } from "../inference/measurement/result-schema";
import { round } from "../stats";

/**
 * Accuracy of one model variant on the evaluation sets, per task, plus agreement with its parent on
 * the test split (what quantization and pruning must preserve). Figures that decide a comparison
 * within a family are measured on the test split of the evaluation images (optimize/inputs/eval-inputs.ts):
 * images no variant was calibrated or tuned on, the same ones for the fp32 parent and every variant.
 *  - detection: label recall and F1 against the parent on the test photos; recall on all photos is
 *    kept beside it, labelled as including the calibration and validation photos;
 *  - OCR: every page with ground truth is in the test split (variants calibrate on the receipts);
 *  - classification: no model of the family is calibrated here (the int8 model is the vendor's), so
 *    all nameable photos are scored, strictly (class names) and leniently (WordNet groups too).
 */

type Metric = Extract<AccuracyMeasurement, { available: true }>["metrics"][number];

async function parentAgreement(entry: ModelEntry, modelPath: string, heldOut: NamedInput[]): Promise<Metric | undefined> {
  if (!entry.parent || heldOut.length === 0) return undefined;
  const parentPath = await getModelStore().filePath(entry.parent, "model");
  if (!parentPath) return undefined;
  const [parentOutputs, variantOutputs] = await Promise.all([runModelOutputs(parentPath, heldOut), runModelOutputs(modelPath, heldOut)]);
  const { metric, value } = compareOutputs(entry, parentOutputs, variantOutputs);
  return { name: `parent_${metric.replaceAll("-", "_")}`, value: round(value, 4), higherIsBetter: true, dataset: `${heldOut.length} test-split eval inputs` };
}

export async function measureAccuracy(entry: ModelEntry, modelPath: string, heldOut: NamedInput[]): Promise<AccuracyMeasurement> {
  const photos = await loadEvalPhotos();
  const agreement = await parentAgreement(entry, modelPath, heldOut);
  const withAgreement = (metrics: Metric[]) => (agreement ? [...metrics, agreement] : metrics);

  if (entry.task === "image-classification") {
    if (!photos) return { available: false, reason: "no evaluation photos on this machine (EVAL_DATA_DIR)" };
    const result = await classificationAccuracy(entry.id, photos);
    const strict = `${result.photos} labelled photos an ImageNet class can name; strict: the predicted class's own name must match a photo label`;
    const lenient = `the same ${result.photos} photos; lenient: a class also counts through the label's WordNet group (espresso is coffee)`;
    return {
      available: true,
      primary: "top1",
      metrics: withAgreement([
        { name: "top1", value: result.strict.top1, higherIsBetter: true, dataset: strict },
        { name: "top5", value: result.strict.top5, higherIsBetter: true, dataset: strict },
        { name: "top1_lenient", value: result.lenient.top1, higherIsBetter: true, dataset: lenient },
        { name: "top5_lenient", value: result.lenient.top5, higherIsBetter: true, dataset: lenient },
      ]),
      details: result.perPhoto,
    };
  }
  if (entry.task === "object-detection") {
    if (!photos) return { available: false, reason: "no evaluation photos on this machine (EVAL_DATA_DIR)" };
    const all = await detectionAccuracy(entry.id, photos, entry.parent);
    const testFiles = testSplitFiles(getEnv().evalDataDir!, entry.task);
    const test = summarizeDetections(all.perPhoto.filter((p) => testFiles.has(p.file)));
    const metrics: Metric[] = [
      {
        name: "label_recall",
        value: test.labelRecall,
        higherIsBetter: true,
        dataset: `expected COCO labels of the ${test.photos} test-split photos (never used to calibrate or tune a variant)`,
      },
      {
        name: "label_recall_all_photos",
        value: all.labelRecall,
        higherIsBetter: true,
        dataset: `all ${all.photos} photos, including the ${all.photos - test.photos} that int8 and pruned variants were calibrated and tuned on`,
      },
    ];
    if (test.parentAgreementF1 !== undefined)
      metrics.push({
        name: "parent_detection_f1",
        value: test.parentAgreementF1,
        higherIsBetter: true,
        dataset: `decoded detections on the ${test.photos} test-split photos`,
      });
    return {
      available: true,
      primary: "label_recall",
      metrics,
      details: all.perPhoto.map((p) => ({ ...p, split: testFiles.has(p.file) ? "test" : "calibration/validation" })),
    };
  }
  if (entry.task === "text-detection" || entry.task === "text-recognition") {
    const evalDir = getEnv().evalDataDir;
    if (!evalDir) return { available: false, reason: "no evaluation pages on this machine (EVAL_DATA_DIR)" };
    // The variant runs inside the whole OCR pipeline, paired with the full-precision model of the other stage.
    const models = entry.task === "text-detection" ? { detection: entry.id } : { recognition: entry.id };
    const pages = ocrPages(readImagesManifest(evalDir));
    const outcomes = [];
    for (const page of pages) {
      outcomes.push(await evaluateOcrPage(evalDir, page, 1, models));
      await yieldToEventLoop();
    }
    // Every page with ground truth is in the test split: no variant was calibrated or tuned on it.
    const dataset = `${pages.length} OCR pages with ground truth (test split)`;
    const meanCer = outcomes.reduce((sum, o) => sum + o.cer, 0) / Math.max(1, outcomes.length);
    const lines =
      outcomes.reduce((sum, o) => sum + o.lineCorrect, 0) /
      Math.max(
        1,
        outcomes.reduce((sum, o) => sum + o.lineTotal, 0),
      );
    return {
      available: true,
      primary: "cer",
      metrics: withAgreement([
        { name: "cer", value: round(meanCer, 4), higherIsBetter: false, dataset },
        { name: "line_accuracy", value: round(lines, 4), higherIsBetter: true, dataset },
      ]),
      details: outcomes.map((o) => ({ file: o.file, cer: round(o.cer, 4), lines: `${o.lineCorrect}/${o.lineTotal}` })),
    };
  }
  if (agreement) return { available: true, primary: agreement.name, metrics: [agreement] };
  return {
    available: false,
    reason: entry.parent ? "no held-out evaluation inputs on this machine" : `task accuracy for ${entry.task} is measured through the OCR pipeline`,
  };
}
