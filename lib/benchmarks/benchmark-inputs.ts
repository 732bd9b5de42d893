import "server-only";
import * as ort from "onnxruntime-node";
import { getEnv } from "../env";
import type { ModelEntry } from "../models/manifest-schema";
import { buildEvalInputs, type NamedInput } from "../optimize/inputs/eval-inputs";
import type { MeasuredInput } from "./measure-performance";

/**
 * The inputs a benchmark feeds a model: real ones from the evaluation images when they are here
 * (the same builders the optimiser calibrates with), otherwise a fixed pseudo-random tensor of the
 * model's input shape — latency of these convolutional models does not depend on pixel content, and
 * the result says `synthetic: true` so nobody mistakes it for a measurement on real data.
 */

export interface BenchmarkInputs {
  latency: MeasuredInput;
  /** Same-shaped items to stack into batches, when the model's batch dimension is dynamic. */
  batchItems?: Record<string, ort.Tensor>[];
  /** Held-out real inputs for agreement with the parent (empty without eval data). */
  heldOut: NamedInput[];
}

const dynamicBatchTasks = new Set(["image-classification", "text-recognition"]);

function syntheticShape(entry: ModelEntry): number[] {
  if (entry.input) return entry.input.layout === "NCHW" ? [1, 3, entry.input.height, entry.input.width] : [1, entry.input.height, entry.input.width, 3];
  if (entry.task === "text-detection") return [1, 3, 640, 640];
  if (entry.task === "text-recognition") return [1, 3, 48, 320];
  if (entry.task === "text-direction") return [1, 3, 48, 192];
  throw new Error(`no input shape known for ${entry.id}`);
}

function syntheticTensor(shape: number[]): ort.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  let state = 2463534242;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = ((state >>> 0) / 4294967296) * 2 - 1;
  }
  return new ort.Tensor("float32", data, shape);
}

export async function benchmarkInputs(entry: ModelEntry, inputName: string): Promise<BenchmarkInputs> {
  const evalDir = getEnv().evalDataDir;
  if (evalDir) {
    // The test split: images no variant was calibrated or tuned on.
    const { test } = await buildEvalInputs({ entry, inputName, evalDir, limitPerSplit: 8, splits: ["test"] });
    if (test.length > 0) {
      // Latency on the largest test input: a whole page for the OCR detector (the name-sorted first is
      // a 192x384 snippet, a tenth of the work), the longest line for the recogniser; for fixed-size
      // models every input is the same size. The shape is stored with the figures.
      const size = (item: NamedInput) => item.feeds[inputName].dims.reduce((p, d) => p * Number(d), 1);
      const timed = test.reduce((largest, item) => (size(item) > size(largest) ? item : largest));
      const sameShape = test.filter((item) => item.feeds[inputName].dims.join("x") === timed.feeds[inputName].dims.join("x"));
      return {
        latency: { source: timed.source, synthetic: false, feeds: timed.feeds },
        ...(dynamicBatchTasks.has(entry.task) ? { batchItems: sameShape.map((item) => item.feeds) } : {}),
        heldOut: test,
      };
    }
  }
  const tensor = syntheticTensor(syntheticShape(entry));
  return {
    latency: { source: "synthetic (no evaluation data on this machine)", synthetic: true, feeds: { [inputName]: tensor } },
    ...(dynamicBatchTasks.has(entry.task) ? { batchItems: [{ [inputName]: tensor }] } : {}),
    heldOut: [],
  };
}
