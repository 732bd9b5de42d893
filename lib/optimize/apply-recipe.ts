import "server-only";
import { compareOutputs } from "./agreement/compare-outputs";
import { collectChannelStats } from "./collect-channel-stats";
import type { NamedInput } from "./inputs/eval-inputs";
import { encodeModel } from "./model-file";
import type { ModelProto } from "./onnx-proto";
import { prepareGraph } from "./prepare-graph";
import { channelPruningTensors, pruneChannels } from "./prune-channels";
import { magnitudePruningTensors, pruneMagnitude } from "./prune-magnitude";
import { quantizeStatic } from "./quantize-static";
import { quantizeWeightsOnly } from "./quantize-weights";
import type { Recipe, RecipeStep } from "../models/recipe-schema";
import { runModelOutputs } from "./run-model-outputs";
import type { ModelEntry } from "@/lib/models/manifest-schema";

/**
 * Runs a recipe's steps on a copy of the parent graph. Fitting (activation ranges, channel
 * statistics for bias correction) uses the calibration inputs; choices (accuracy-aware tuning: which
 * tensors or layers stay fp32) are judged on the validation inputs; the test inputs are not seen here.
 */

export interface StepReport {
  kind: RecipeStep["kind"] | "prepare";
  [detail: string]: unknown;
}

export async function applyRecipe(options: {
  model: ModelProto;
  recipe: Recipe;
  parentEntry: ModelEntry;
  calibration: NamedInput[];
  validation: NamedInput[];
}): Promise<StepReport[]> {
  const { model, recipe, parentEntry, calibration, validation } = options;
  const reports: StepReport[] = [{ kind: "prepare", ...prepareGraph(model) }];
  for (const step of recipe.steps) {
    switch (step.kind) {
      case "weight-only-int8":
        reports.push({ kind: step.kind, ...quantizeWeightsOnly(model, step) });
        break;
      case "magnitude-pruning": {
        const stats = step.biasCorrection
          ? await collectChannelStats({ model, tensors: magnitudePruningTensors(model, step), inputs: calibration })
          : undefined;
        const { layers, ...summary } = pruneMagnitude(model, step, stats);
        reports.push({ kind: step.kind, ...summary, layers: layers.length });
        break;
      }
      case "channel-pruning": {
        const stats = step.biasCorrection ? await collectChannelStats({ model, tensors: channelPruningTensors(model, step), inputs: calibration }) : undefined;
        const report = pruneChannels(model, step, stats);
        reports.push({ kind: step.kind, prunedConvs: report.pruned.length, skippedConvs: report.skipped.length, pruned: report.pruned });
        break;
      }
      case "static-int8": {
        const inputs = calibration.slice(0, step.calibration.maxInputs);
        if (step.minCalibrationAgreement !== undefined && validation.length === 0) throw new Error("accuracy-aware tuning needs validation inputs");
        const tuning =
          step.minCalibrationAgreement === undefined
            ? undefined
            : { mode: step.tuning, ...(await validationJudges(model, parentEntry, validation, step.sensitivityInputs)), target: step.minCalibrationAgreement };
        const method =
          step.calibration.method === "percentile" ? { kind: "percentile" as const, percentile: step.calibration.percentile } : { kind: "minmax" as const };
        reports.push({ kind: step.kind, ...(await quantizeStatic(model, { ...step, method, inputs, tuning })), validationInputs: validation.length });
        break;
      }
    }
  }
  return reports;
}

/**
 * Scores candidates against the model as it was before quantization, on validation inputs: `judge`
 * by the task's agreement metric on all of them, `error` (for ranking tensors) by the relative L2
 * error of the raw output on the first few.
 */
async function validationJudges(model: ModelProto, entry: ModelEntry, inputs: NamedInput[], sensitivityInputs: number) {
  const reference = await runModelOutputs(encodeModel(model), inputs);
  const probeInputs = inputs.slice(0, sensitivityInputs);
  return {
    judge: async (candidate: ModelProto) => compareOutputs(entry, reference, await runModelOutputs(encodeModel(candidate), inputs)).value,
    error: async (candidate: ModelProto) => {
      const outputs = await runModelOutputs(encodeModel(candidate), probeInputs);
      let difference = 0;
      let signal = 0;
      outputs.forEach((o, i) => {
        const r = reference[i].data;
        for (let k = 0; k < r.length; k++) {
          difference += (o.data[k] - r[k]) ** 2;
          signal += r[k] ** 2;
        }
      });
      return Math.sqrt(difference / Math.max(signal, 1e-30));
    },
  };
}
