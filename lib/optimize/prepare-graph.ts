import { assertValidGraph } from "./check-graph";
import { constantsToInitializers } from "./constants-to-initializers";
import { foldBatchNorm } from "./fold-batch-norm";
import { nameAllNodes } from "./graph-index";
import type { ModelProto } from "./onnx-proto";
import { removeUnused } from "./remove-unused";

/**
 * Normalises an exported graph before any optimisation: every node named, Constant weights turned
 * into initializers, Conv+BatchNormalization folded, dead tensors dropped. The result computes the
 * same function (BN folding up to float rounding), so it is also the fair fp32 baseline.
 */
export function prepareGraph(model: ModelProto): { constantsMoved: number; batchNormsFolded: number } {
  const graph = model.graph;
  if (!graph) throw new Error("model has no graph");
  nameAllNodes(graph);
  const constantsMoved = constantsToInitializers(graph);
  const batchNormsFolded = foldBatchNorm(graph);
  removeUnused(graph);
  assertValidGraph(graph, "prepared graph");
  return { constantsMoved, batchNormsFolded };
}
