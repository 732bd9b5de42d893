import "server-only";
import type * as ort from "onnxruntime-node";
import type { DecodedImage } from "./image/decode-image";
import { boxToOriginal, imageToTensor } from "./image/image-to-tensor";
import { modelLabels } from "./model-labels";
import { decodeYolox } from "./postprocess/decode-yolox";
import { nonMaxSuppression } from "./postprocess/non-max-suppression";
import { loadModel, runSession } from "./session-pool";

export interface DetectedObject {
  label: string;
  classIndex: number;
  score: number;
  /** Pixels of the original (upright) image. */
  box: { x: number; y: number; width: number; height: number };
}

export interface DetectionResult {
  model: { id: string; version: string; variant: string };
  objects: DetectedObject[];
  timings: { preprocessMs: number; runMs: number; postprocessMs: number };
}

/** Object detection: decode the model's grid output, per-class NMS, boxes mapped back to the original pixels. */
export async function detectObjects(image: DecodedImage, { modelId, scoreThreshold }: { modelId: string; scoreThreshold?: number }): Promise<DetectionResult> {
  const loaded = await loadModel(modelId);
  const { input, output } = loaded.entry;
  if (!input || output?.kind !== "yolox") throw new Error(`model ${modelId} lacks detection input/output settings`);
  const prepared = await imageToTensor(image, input);
  const { outputs, runMs } = await runSession(loaded, { [input.tensor]: prepared.tensor });
  const startedAt = performance.now();
  const names = await modelLabels(loaded);
  const raw = outputs[output.tensor] as ort.Tensor;
  const candidates = decodeYolox(raw.data as Float32Array, {
    inputWidth: input.width,
    inputHeight: input.height,
    strides: output.strides,
    numClasses: names.length,
    scoreThreshold: scoreThreshold ?? output.scoreThreshold,
  });
  const objects = nonMaxSuppression(candidates, output.iouThreshold, output.maxDetections).map((box) => {
    const original = boxToOriginal(box, prepared.geometry, image);
    return {
      label: names[box.classIndex] ?? `class ${box.classIndex}`,
      classIndex: box.classIndex,
      score: box.score,
      box: { x: original.x1, y: original.y1, width: original.x2 - original.x1, height: original.y2 - original.y1 },
    };
  });
  return {
    model: { id: loaded.entry.id, version: loaded.entry.version, variant: loaded.entry.variant },
    objects: objects.filter((o) => o.box.width > 1 && o.box.height > 1),
    timings: { preprocessMs: prepared.preprocessMs, runMs, postprocessMs: performance.now() - startedAt },
  };
}
