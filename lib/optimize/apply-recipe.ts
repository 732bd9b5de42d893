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
import type { Recipe, RecipeStep } from "./recipe-schema";
import { runModelOutputs } from "./run-model-outputs";
import type { ModelEntry } from "@/lib/models/manifest-schema";

/**
 * Runs a recipe's steps on a copy of the parent graph. Steps that need real data (static
 * calibration, bias correction, accuracy-aware tuning) use the calibration inputs only; the
 * held-out inputs are kept for judging the result.
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
}): Promise<StepReport[]> {
  const { model, recipe, parentEntry, calibration } = options;
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
        const stats = step.biasCorrection
          ? await collectChannelStats({ model, tensors: channelPruningTensors(model, step), inputs: calibration })
          : undefined;
        const report = pruneChannels(model, step, stats);
        reports.push({ kind: step.kind, prunedConvs: report.pruned.length, skippedConvs: report.skipped.length, pruned: report.pruned });
        break;
      }
      case "static-int8": {
        const inputs = calibration.slice(0, step.calibration.maxInputs);
        const tuning = step.minCalibrationAgreement === undefined ? undefined : await calibrationJudge(model, parentEntry, inputs, step.minCalibrationAgreement);
        const method = step.calibration.method === "percentile" ? { kind: "percentile" as const, percentile: step.calibration.percentile } : { kind: "minmax" as const };
        reports.push({ kind: step.kind, ...(await quantizeStatic(model, { ...step, method, inputs, tuning })) });
        break;
      }
    }
  }
  return reports;
}

/** Scores a candidate by its agreement with the model as it was before quantization, on calibration inputs. */
async function calibrationJudge(model: ModelProto, entry: ModelEntry, inputs: NamedInput[], target: number) {
  const reference = await runModelOutputs(encodeModel(model), inputs);
  return {
    target,
    judge: async (candidate: ModelProto) => compareOutputs(entry, reference, await runModelOutputs(encodeModel(candidate), inputs)).value,
  };
}
