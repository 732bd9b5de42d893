import "server-only";
import type * as ort from "onnxruntime-node";
import type { DecodedImage } from "./image/decode-image";
import { imageToTensor } from "./image/image-to-tensor";
import { modelLabels } from "./model-labels";
import { softmax, topK } from "./postprocess/softmax-top-k";
import { loadModel, runSession } from "./session-pool";

export interface ClassLabel {
  index: number;
  label: string;
  probability: number;
}

export interface ClassificationResult {
  model: { id: string; version: string; variant: string };
  labels: ClassLabel[];
  timings: { preprocessMs: number; runMs: number; postprocessMs: number };
}

/** Image classification: softmax over the model's classes, top-k with their names. */
export async function classifyImage(image: DecodedImage, { modelId, k = 5 }: { modelId: string; k?: number }): Promise<ClassificationResult> {
  const loaded = await loadModel(modelId);
  const { input, output } = loaded.entry;
  if (!input || output?.kind !== "classification") throw new Error(`model ${modelId} lacks classification input/output settings`);
  const prepared = await imageToTensor(image, input);
  const { outputs, runMs } = await runSession(loaded, { [input.tensor]: prepared.tensor });
  const startedAt = performance.now();
  const raw = (outputs[output.tensor] as ort.Tensor).data as Float32Array;
  const probabilities = output.softmax ? softmax(raw) : raw;
  const names = await modelLabels(loaded);
  const labels = topK(probabilities, k).map((index) => ({
    index,
    label: names[index + output.labelOffset] ?? `class ${index}`,
    probability: probabilities[index],
  }));
  return {
    model: { id: loaded.entry.id, version: loaded.entry.version, variant: loaded.entry.variant },
    labels,
    timings: { preprocessMs: prepared.preprocessMs, runMs, postprocessMs: performance.now() - startedAt },
  };
}
