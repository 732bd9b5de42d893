import { decodeYolox } from "@/lib/inference/postprocess/decode-yolox";
import { nonMaxSuppression, type ScoredBox } from "@/lib/inference/postprocess/non-max-suppression";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { matchDetections } from "@/lib/inference/postprocess/match-detections";
import { editDistance } from "@/lib/inference/ocr/measure-text-errors";

/**
 * How closely a variant's outputs agree with its parent's, per task, as one number in 0..1 (higher
 * is closer) plus the metric's name:
 *  - object-detection: F1 of the variant's decoded detections against the parent's (same class,
 *    IoU >= 0.5), pooled over all inputs;
 *  - text-detection: IoU of the binarised probability maps (p > 0.3, DBNet's threshold), pooled;
 *  - text-recognition: 1 - character error rate of the variant's greedy CTC decoding against the
 *    parent's (edit distance over symbol ids, pooled); the per-timestep argmax agreement is given as
 *    the secondary figure (it also counts blank-vs-space shifts that do not change the text);
 *  - image-classification and anything else: share of inputs with the same top-1 index.
 */

export interface OutputTensor {
  data: Float32Array;
  dims: number[];
}

export type AgreementMetric = "detection-f1" | "probability-map-iou" | "text-agreement" | "timestep-argmax-agreement" | "top1-agreement";

export function agreementMetricFor(entry: ModelEntry): AgreementMetric {
  if (entry.task === "object-detection" && entry.output?.kind === "yolox") return "detection-f1";
  if (entry.task === "text-detection") return "probability-map-iou";
  if (entry.task === "text-recognition") return "text-agreement";
  return "top1-agreement";
}

/** Detections as the request path decodes them (lib/inference/postprocess), in model-input pixels. */
export function yoloxDetections(entry: ModelEntry, output: OutputTensor): ScoredBox[] {
  if (entry.output?.kind !== "yolox" || !entry.input) throw new Error(`${entry.id} is not a YOLOX model`);
  const { strides, scoreThreshold, iouThreshold, maxDetections } = entry.output;
  const boxes = decodeYolox(output.data, {
    inputWidth: entry.input.width,
    inputHeight: entry.input.height,
    strides,
    numClasses: output.dims[output.dims.length - 1] - 5,
    scoreThreshold,
  });
  return nonMaxSuppression(boxes, iouThreshold, maxDetections);
}

function argmaxRows(t: OutputTensor): Int32Array {
  const width = t.dims[t.dims.length - 1];
  const rows = t.data.length / width;
  return Int32Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let i = 1; i < width; i++) if (t.data[r * width + i] > t.data[r * width + best]) best = i;
    return best;
  });
}

/** Greedy CTC decoding to symbol ids: argmax per timestep, repeats collapsed, blanks (0) dropped. */
export function ctcSymbols(argmax: Int32Array): number[] {
  const symbols: number[] = [];
  let previous = 0;
  for (const s of argmax) {
    if (s !== 0 && s !== previous) symbols.push(s);
    previous = s;
  }
  return symbols;
}

export interface Agreement {
  metric: AgreementMetric;
  value: number;
  secondary?: { metric: AgreementMetric; value: number };
}

export function compareOutputs(entry: ModelEntry, parent: OutputTensor[], variant: OutputTensor[]): Agreement {
  if (parent.length !== variant.length) throw new Error("parent and variant ran on different numbers of inputs");
  const metric = agreementMetricFor(entry);
  let numerator = 0;
  let denominator = 0;
  let timestepsSame = 0;
  let timesteps = 0;
  parent.forEach((p, i) => {
    const v = variant[i];
    if (p.data.length !== v.data.length) throw new Error(`output sizes differ on input ${i}: ${p.dims} vs ${v.dims}`);
    if (metric === "detection-f1") {
      const a = yoloxDetections(entry, p);
      const b = yoloxDetections(entry, v);
      numerator += 2 * matchDetections(a, b);
      denominator += a.length + b.length;
    } else if (metric === "probability-map-iou") {
      for (let k = 0; k < p.data.length; k++) {
        const x = p.data[k] > 0.3;
        const y = v.data[k] > 0.3;
        if (x && y) numerator++;
        if (x || y) denominator++;
      }
    } else if (metric === "text-agreement") {
      const a = argmaxRows(p);
      const b = argmaxRows(v);
      const reference = ctcSymbols(a);
      // numerator counts errors here; turned into 1 - CER below.
      numerator += editDistance(reference, ctcSymbols(b));
      denominator += reference.length;
      a.forEach((s, k) => (timestepsSame += s === b[k] ? 1 : 0));
      timesteps += a.length;
    } else {
      numerator += argmaxRows(p)[0] === argmaxRows(v)[0] ? 1 : 0;
      denominator++;
    }
  });
  if (metric === "text-agreement") {
    return {
      metric,
      value: Math.max(0, 1 - numerator / Math.max(1, denominator)),
      secondary: { metric: "timestep-argmax-agreement", value: timesteps ? timestepsSame / timesteps : 1 },
    };
  }
  // Nothing detected by either model anywhere is full agreement, not 0/0.
  return { metric, value: denominator === 0 ? 1 : numerator / denominator };
}
