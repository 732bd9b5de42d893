import type { ModelTask } from "../../models/manifest-schema";
import { ocrModelIds } from "../ocr/ocr-settings";

/**
 * The model roles a request may choose a variant for, each served by one model family. A role is the
 * stable public name (`variants.detector`); the family behind it is whatever the manifest's base
 * model of that task belongs to (yolox-nano today), so the API does not change when a family does.
 */

export const modelRoles = ["classifier", "detector", "ocr_detection", "ocr_recognition"] as const;
export type ModelRole = (typeof modelRoles)[number];

export const roleTasks: Record<ModelRole, ModelTask> = {
  classifier: "image-classification",
  detector: "object-detection",
  ocr_detection: "text-detection",
  ocr_recognition: "text-recognition",
};

/**
 * The manifest model each role's family is built around (the parent of the lab's variants). OCR
 * names its models in its settings; the vision roles take the first model of their task.
 */
export const fixedBaseModels: Partial<Record<ModelRole, string>> = {
  ocr_detection: ocrModelIds.detection,
  ocr_recognition: ocrModelIds.recognition,
};

/** The variant kinds one may ask for by name instead of a model id. */
export const variantKinds = ["full_precision", "quantized", "pruned"] as const;
export type VariantKind = (typeof variantKinds)[number];
