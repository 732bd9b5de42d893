import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { hasSaturationGuard } from "@/lib/inference/session-options";
import { getModelStore } from "@/lib/models/get-model-store";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { buildEvalInputs, type NamedInput } from "@/lib/optimize/inputs/eval-inputs";
import { readModel } from "@/lib/optimize/model-file";
import { loadRecipes } from "@/lib/models/parse-recipe";
import { produceVariant, resolveParent, variantsDir } from "@/lib/optimize/produce-variant";
import type { JobModel, PortabilityJob } from "./portability-job";
import { type SavedTensor, saveTensor } from "./saved-tensors";

/**
 * Which int8 models the cross-CPU check runs, and on which evaluation inputs:
 *  - the served int8 model from its vendor (MobileNetV2-int8, 8-bit weights: exact on CPUs without
 *    VNNI only through the runtime remedy);
 *  - the static int8 variants the model lab produces (YOLOX-Nano, PP-OCR detection and
 *    recognition; their weights carry the saturation guard). A variant is taken from the lab's
 *    variants folder when it is there and guarded, else produced by the recipe code into a cache
 *    folder (`<MODEL_CACHE_DIR>/int8-portability`), kept for the next run.
 * Weight-only int8 variants are left out: they are decompressed to fp32 at load and run no int8 kernel.
 * Inputs are every evaluation image of the model's task (all three splits: nothing is fitted here),
 * or the given subset.
 */

export const SERVED_INT8_MODELS = ["mobilenetv2-int8"];
export const LAB_INT8_VARIANTS = [
  "yolox-nano-int8-static",
  "yolox-nano-int8-static-weighted",
  "ppocr-v4-det-int8-static",
  "ppocr-v4-det-int8-static-weighted",
  "ppocr-v4-rec-int8-static",
];

export function portabilityCacheDir(): string {
  return path.join(getEnv().modelCacheDir, "int8-portability");
}

/** The variant's file: the lab's own when present and guarded, else one produced (once) into the cache. */
export async function locateVariant(id: string, log: (line: string) => void = () => {}): Promise<string> {
  const lab = path.join(variantsDir(), `${id}.onnx`);
  if (existsSync(lab) && hasSaturationGuard(lab)) return lab;
  const cached = path.join(portabilityCacheDir(), `${id}.onnx`);
  if (existsSync(cached) && hasSaturationGuard(cached)) return cached;
  const recipe = loadRecipes().find((r) => r.id === id);
  if (!recipe) throw new Error(`no recipe ${id} in models/recipes`);
  log(`${id}: not in ${variantsDir()}, producing it with its recipe into ${portabilityCacheDir()}...`);
  const produced = await produceVariant({ recipe, outputDir: portabilityCacheDir() });
  log(`${id}: produced in ${(produced.produceMs / 1000).toFixed(0)} s (agreement with its parent ${produced.agreement.value.toFixed(3)})`);
  return produced.filePath;
}

export interface JobModelRequest {
  id: string;
  /** Keep only inputs whose source starts with one of these (e.g. a file name); default all. */
  sources?: string[];
}

export interface BuiltJob {
  job: PortabilityJob;
  /** The model-store entry of each model (a variant's is its parent's task, inputs and outputs). */
  entries: Map<string, ModelEntry>;
}

/** The model-store entry (task, inputs, outputs) each model is judged by: a variant's parent's. */
export async function portabilityEntry(id: string): Promise<ModelEntry> {
  const recipe = loadRecipes().find((r) => r.id === id);
  return (await resolveParent(getModelStore(), recipe ? recipe.parent : id)).entry;
}

export async function buildPortabilityJob(options: {
  models: JobModelRequest[];
  evalDir: string;
  inputDir: string;
  log?: (line: string) => void;
}): Promise<BuiltJob> {
  mkdirSync(options.inputDir, { recursive: true });
  const store = getModelStore();
  const recipes = loadRecipes();
  const inputsByEntry = new Map<string, NamedInput[]>();
  const entries = new Map<string, ModelEntry>();
  const models: JobModel[] = [];
  const savedByKey = new Map<string, SavedTensor>();
  for (const request of options.models) {
    const recipe = recipes.find((r) => r.id === request.id);
    const { entry, modelPath } = await resolveParent(store, recipe ? recipe.parent : request.id);
    entries.set(request.id, entry);
    let inputs = inputsByEntry.get(entry.id);
    if (!inputs) {
      const split = await buildEvalInputs({ entry, inputName: readModel(modelPath).graph!.input[0].name, evalDir: options.evalDir });
      inputs = [...split.calibration, ...split.validation, ...split.test].sort((a, b) => a.source.localeCompare(b.source, "en", { numeric: true }));
      inputsByEntry.set(entry.id, inputs);
    }
    const chosen = request.sources ? inputs.filter((i) => request.sources!.some((s) => i.source.startsWith(s))) : inputs;
    if (chosen.length === 0) throw new Error(`no evaluation input of ${request.id} matches ${request.sources?.join(", ")}`);
    models.push({
      id: request.id,
      ...(recipe ? { variantFile: await locateVariant(request.id, options.log) } : {}),
      inputs: chosen.map((input) => {
        // Models of one family (a variant's parent) share their input files.
        const key = `${entry.id} ${input.source}`;
        let file = savedByKey.get(key);
        if (!file) {
          const tensor = Object.values(input.feeds)[0];
          file = saveTensor(options.inputDir, `input-${savedByKey.size}.f32`, tensor.data as Float32Array, tensor.dims);
          savedByKey.set(key, file);
        }
        return { source: input.source, ...file };
      }),
    });
  }
  return { job: { inputDir: options.inputDir, models }, entries };
}
