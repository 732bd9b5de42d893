import { assertValidGraph } from "./check-graph";
import { constantsToInitializers } from "./constants-to-initializers";
import { foldAffineIntoConvs } from "./fold-affine";
import { foldBatchNorm } from "./fold-batch-norm";
import { fuseHardSwish } from "./fuse-hard-swish";
import { nameAllNodes } from "./graph-index";
import type { ModelProto } from "./onnx-proto";
import { removeUnused } from "./remove-unused";

/**
 * Normalises an exported graph before any optimisation: every node named, Constant weights turned
 * into initializers, Conv+BatchNormalization and constant multiply/add folded into Convs, decomposed
 * hard-swish fused, dead tensors dropped. The result computes the same function (up to float
 * rounding); benchmarks show it as the "graph-optimised fp32" reference, so the share of a
 * variant's speed-up that comes from these rewrites rather than from int8 or pruning is visible.
 */
export function prepareGraph(model: ModelProto): { constantsMoved: number; batchNormsFolded: number; affinesFolded: number; hardSwishFused: number } {
  const graph = model.graph;
  if (!graph) throw new Error("model has no graph");
  nameAllNodes(graph);
  const constantsMoved = constantsToInitializers(graph);
  let batchNormsFolded = foldBatchNorm(graph);
  const hardSwishFused = fuseHardSwish(model);
  const affinesFolded = foldAffineIntoConvs(graph);
  // Folding a bias Add can bring a BatchNormalization next to its ConvTranspose (PP-OCR's DB head).
  batchNormsFolded += foldBatchNorm(graph);
  removeUnused(graph);
  assertValidGraph(graph, "prepared graph");
  return { constantsMoved, batchNormsFolded, affinesFolded, hardSwishFused };
}
