import type { ModelEntry } from "@/lib/models/manifest-schema";
import type { Recipe } from "../models/recipe-schema";

/**
 * The model-store entry of a produced variant: the parent's task, pre/post-processing and auxiliary
 * files (labels, dictionary), with its own model file, variant kind, parent and recipe. Code that
 * runs models by id (the session pool, the benchmark runner) then runs variants like any model.
 */

/**
 * How variants are produced now. 2: int8 kernels get 7-bit weights (the saturation guard); ranges
 * are calibrated on the calibration split, tuning is judged on the validation split, agreement on
 * the test split. Stored variants without this number (made with 8-bit weights and tuned on their
 * calibration images) are not registered, so the model lab produces them again.
 */
export const VARIANT_PROTOCOL = 2;

export interface VariantRecord {
  id: string;
  parentId: string;
  variant: "quantized" | "pruned";
  recipe: Recipe;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export function variantModelEntry(parent: ModelEntry, variant: VariantRecord): ModelEntry {
  const steps = variant.recipe.steps.map((s) => s.kind).join(" + ");
  return {
    ...parent,
    id: variant.id,
    name: `${parent.name} — ${variant.variant === "quantized" ? "int8" : "pruned"} (${steps})`,
    variant: variant.variant,
    version: `${parent.version}+${variant.sha256.slice(0, 12)}`,
    source: `Produced from ${parent.id} by lib/optimize with recipe ${variant.id} (${steps})`,
    description: variant.recipe.description || parent.description,
    parent: parent.id,
    recipe: variant.recipe as unknown as Record<string, unknown>,
    files: [{ role: "model", name: variant.fileName, sha256: variant.sha256, bytes: variant.sizeBytes }, ...parent.files.filter((f) => f.role !== "model")],
  };
}
