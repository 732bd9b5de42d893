import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError, MissingPrerequisiteError, ModelUnavailableError, UnknownModelError } from "@/lib/domain-errors";
import { getEnv } from "@/lib/env";
import { getModelStore } from "@/lib/models/get-model-store";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import type { ModelStore } from "@/lib/models/model-store";
import { compareOutputs, type AgreementMetric } from "./agreement/compare-outputs";
import { applyRecipe, type StepReport } from "./apply-recipe";
import { buildEvalInputs, type InputSplit } from "./inputs/eval-inputs";
import { readModel, writeModel } from "./model-file";
import { parseRecipe } from "../models/parse-recipe";
import { recipeVariantKind, type Recipe } from "../models/recipe-schema";
import { runModelOutputs } from "./run-model-outputs";
import { VARIANT_PROTOCOL } from "./variant-entry";

/**
 * Produces one optimised variant: resolves the parent through the model store, applies the recipe
 * (calibrated on the calibration split, tuned on the validation split), writes
 * `<MODEL_CACHE_DIR>/variants/<id>.onnx`, loads it in ORT and measures its agreement with the parent
 * on the test split. Callable from a script, a job or a benchmark runner.
 */

export interface VariantAgreement {
  metric: AgreementMetric;
  value: number;
  secondary?: { metric: AgreementMetric; value: number };
  /** The recipe's minAgreement. */
  tolerance: number;
  withinTolerance: boolean;
  /** Test-split inputs the agreement was measured on. */
  inputs: number;
  /** How it was produced (VARIANT_PROTOCOL); absent on variants produced before the protocol had a number. */
  protocol?: number;
}

export interface ProducedVariant {
  id: string;
  parentId: string;
  family: string;
  variant: "quantized" | "pruned";
  recipe: Recipe;
  fileName: string;
  /** Absolute path of the written file. */
  filePath: string;
  sizeBytes: number;
  sha256: string;
  agreement: VariantAgreement;
  steps: StepReport[];
  produceMs: number;
}

export function variantsDir(): string {
  return path.join(getEnv().modelCacheDir, "variants");
}

export async function resolveParent(store: ModelStore, parentId: string): Promise<{ entry: ModelEntry; modelPath: string }> {
  const entry = store.get(parentId);
  if (!entry) throw new UnknownModelError(parentId, `Unknown parent model "${parentId}".`, "parent");
  if (entry.runtime !== "onnxruntime") {
    throw new InvalidArgumentError(`Parent model "${parentId}" runs on ${entry.runtime}, not ONNX Runtime; only ONNX graphs can be optimised.`, {
      field: "parent",
      message: "not an ONNX model",
    });
  }
  const availability = await store.resolve(parentId);
  if (!availability.available) throw new ModelUnavailableError(parentId, `Parent model "${parentId}" is not available: ${availability.reason}`);
  const modelPath = availability.files.find((f) => f.role === "model")?.path;
  if (!modelPath) throw new ModelUnavailableError(parentId, `Parent model "${parentId}" has no file with role "model".`);
  return { entry, modelPath };
}

export async function produceVariant(options: {
  /** Defaults to the recipe's parent; must match it when given. */
  parentModelId?: string;
  /** A recipe object (validated here, so raw JSON is fine). */
  recipe: unknown;
  /** Real inputs (calibration, validation, test); built from EVAL_DATA_DIR when omitted. */
  inputs?: InputSplit;
  store?: ModelStore;
  outputDir?: string;
}): Promise<ProducedVariant> {
  const startedAt = performance.now();
  const recipe = parseRecipe(options.recipe);
  const parentModelId = options.parentModelId ?? recipe.parent;
  if (recipe.parent !== parentModelId) {
    throw new InvalidArgumentError(`Recipe ${recipe.id} is for parent "${recipe.parent}", not "${parentModelId}".`, { field: "parent", message: "mismatch" });
  }
  const store = options.store ?? getModelStore();
  const { entry: parentEntry, modelPath } = await resolveParent(store, parentModelId);
  const model = readModel(modelPath);
  const inputs = options.inputs ?? (await defaultInputs(parentEntry, model.graph!.input[0].name));
  const steps = await applyRecipe({ model, recipe, parentEntry, calibration: inputs.calibration, validation: inputs.validation });
  const fileName = `${recipe.id}.onnx`;
  const written = writeModel(model, path.join(options.outputDir ?? variantsDir(), fileName));
  // Loading the written file in ORT (with every graph optimisation) is the final validity check.
  // Agreement on the test split: inputs neither calibration nor tuning saw.
  const [parentOutputs, variantOutputs] = [await runModelOutputs(modelPath, inputs.test), await runModelOutputs(written.path, inputs.test)];
  const { metric, value, secondary } = compareOutputs(parentEntry, parentOutputs, variantOutputs);
  return {
    id: recipe.id,
    parentId: parentEntry.id,
    family: parentEntry.family,
    variant: recipeVariantKind(recipe),
    recipe,
    fileName,
    filePath: written.path,
    sizeBytes: written.sizeBytes,
    sha256: written.sha256,
    agreement: {
      metric,
      value,
      ...(secondary ? { secondary } : {}),
      tolerance: recipe.minAgreement,
      withinTolerance: value >= recipe.minAgreement,
      inputs: inputs.test.length,
      protocol: VARIANT_PROTOCOL,
    },
    steps,
    produceMs: performance.now() - startedAt,
  };
}

async function defaultInputs(entry: ModelEntry, inputName: string): Promise<InputSplit> {
  const evalDir = getEnv().evalDataDir;
  if (!evalDir || !existsSync(evalDir)) {
    throw new MissingPrerequisiteError("Producing a variant needs real calibration and evaluation images: set EVAL_DATA_DIR to the evaluation data folder.");
  }
  return buildEvalInputs({ entry, inputName, evalDir });
}
