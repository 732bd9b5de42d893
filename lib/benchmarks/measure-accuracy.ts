import "server-only";
import { getEnv } from "../env";
import { yieldToEventLoop } from "../jobs/yield-to-event-loop";
import { evaluateOcrPage, ocrPages, readImagesManifest } from "../inference/ocr/evaluate-ocr-pages";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry } from "../models/manifest-schema";
import { compareOutputs } from "../optimize/agreement/compare-outputs";
import type { NamedInput } from "../optimize/inputs/eval-inputs";
import { runModelOutputs } from "../optimize/run-model-outputs";
import { classificationAccuracy } from "./accuracy/classification-accuracy";
import { detectionAccuracy } from "./accuracy/detection-accuracy";
import { loadEvalPhotos } from "./eval-images";
import type { AccuracyMeasurement } from "./result-schema";

/**
 * Accuracy of one model variant on the evaluation sets, per task, plus agreement with its parent on
 * held-out real inputs (what quantization and pruning must preserve).
 */

type Metric = Extract<AccuracyMeasurement, { available: true }>["metrics"][number];
const round = (v: number) => Math.round(v * 10_000) / 10_000;

async function parentAgreement(entry: ModelEntry, modelPath: string, heldOut: NamedInput[]): Promise<Metric | undefined> {
  if (!entry.parent || heldOut.length === 0) return undefined;
  const parentPath = await getModelStore().filePath(entry.parent, "model");
  if (!parentPath) return undefined;
  const [parentOutputs, variantOutputs] = await Promise.all([runModelOutputs(parentPath, heldOut), runModelOutputs(modelPath, heldOut)]);
  const { metric, value } = compareOutputs(entry, parentOutputs, variantOutputs);
  return { name: `parent_${metric.replaceAll("-", "_")}`, value: round(value), higherIsBetter: true, dataset: `${heldOut.length} held-out eval inputs` };
}

export async function measureAccuracy(entry: ModelEntry, modelPath: string, heldOut: NamedInput[]): Promise<AccuracyMeasurement> {
  const photos = await loadEvalPhotos();
  const agreement = await parentAgreement(entry, modelPath, heldOut);
  const withAgreement = (metrics: Metric[]) => (agreement ? [...metrics, agreement] : metrics);

  if (entry.task === "image-classification") {
    if (!photos) return { available: false, reason: "no evaluation photos on this machine (EVAL_DATA_DIR)" };
    const result = await classificationAccuracy(entry.id, photos);
    const dataset = `${result.photos} labelled photos`;
    return {
      available: true,
      primary: "top1",
      metrics: withAgreement([
        { name: "top1", value: result.top1, higherIsBetter: true, dataset },
        { name: "top5", value: result.top5, higherIsBetter: true, dataset },
      ]),
      details: result.perPhoto,
    };
  }
  if (entry.task === "object-detection") {
    if (!photos) return { available: false, reason: "no evaluation photos on this machine (EVAL_DATA_DIR)" };
    const result = await detectionAccuracy(entry.id, photos, entry.parent);
    const metrics: Metric[] = [{ name: "label_recall", value: result.labelRecall, higherIsBetter: true, dataset: `expected COCO labels of ${result.photos} photos` }];
    if (result.parentAgreementF1 !== undefined)
      metrics.push({ name: "parent_detection_f1", value: result.parentAgreementF1, higherIsBetter: true, dataset: `decoded detections on ${result.photos} photos` });
    return { available: true, primary: "label_recall", metrics, details: result.perPhoto };
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
    const dataset = `${pages.length} OCR pages with ground truth`;
    const meanCer = outcomes.reduce((sum, o) => sum + o.cer, 0) / Math.max(1, outcomes.length);
    const lines = outcomes.reduce((sum, o) => sum + o.lineCorrect, 0) / Math.max(1, outcomes.reduce((sum, o) => sum + o.lineTotal, 0));
    return {
      available: true,
      primary: "cer",
      metrics: withAgreement([
        { name: "cer", value: round(meanCer), higherIsBetter: false, dataset },
        { name: "line_accuracy", value: round(lines), higherIsBetter: true, dataset },
      ]),
      details: outcomes.map((o) => ({ file: o.file, cer: round(o.cer), lines: `${o.lineCorrect}/${o.lineTotal}` })),
    };
  }
  if (agreement) return { available: true, primary: agreement.name, metrics: [agreement] };
  return {
    available: false,
    reason: entry.parent ? "no held-out evaluation inputs on this machine" : `task accuracy for ${entry.task} is measured through the OCR pipeline`,
  };
}
