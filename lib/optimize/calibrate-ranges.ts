import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { cloneModel, encodeModel } from "./model-file";
import { DataType, onnx, type ModelProto } from "./onnx-proto";

/**
 * Activation ranges for static quantization, measured on real inputs: the tensors of interest are
 * added as extra graph outputs and the model is run in ORT on each calibration input.
 *  - "minmax": the smallest and largest value seen (no clipping, wide scale when outliers exist);
 *  - "percentile": a 2048-bin histogram over the min-max range, clipped at the given percentile on
 *    each side (outliers saturate, the bulk of the values gets a finer scale).
 * Tensors are collected a few dozen at a time so a large input (a 960-px page) does not hold every
 * intermediate activation in memory at once.
 */

export interface TensorRange {
  min: number;
  max: number;
}

export type CalibrationMethod = { kind: "minmax" } | { kind: "percentile"; percentile: number };

export interface CalibrationInput {
  feeds: Record<string, ort.Tensor>;
}

export interface CollectRangesOptions {
  model: ModelProto;
  tensors: string[];
  inputs: CalibrationInput[];
  method: CalibrationMethod;
  tensorsPerPass?: number;
  bins?: number;
}

export async function collectRanges(options: CollectRangesOptions): Promise<Map<string, TensorRange>> {
  const { model, inputs, method } = options;
  if (inputs.length === 0) throw new Error("calibration needs at least one input");
  const graphInputs = new Set(model.graph!.input.map((v) => v.name));
  const ranges = new Map<string, TensorRange>();
  const histograms = new Map<string, Float64Array>();
  const fromFeeds = options.tensors.filter((t) => graphInputs.has(t));
  const fromRuns = options.tensors.filter((t) => !graphInputs.has(t));
  const perPass = options.tensorsPerPass ?? 48;
  const bins = options.bins ?? 2048;

  const observe = (name: string, data: Float32Array, pass: "range" | "histogram") => {
    if (pass === "range") {
      const r = ranges.get(name) ?? { min: Infinity, max: -Infinity };
      for (let i = 0; i < data.length; i++) {
        const v = data[i];
        if (v < r.min) r.min = v;
        if (v > r.max) r.max = v;
      }
      ranges.set(name, r);
    } else addToHistogram(histograms, name, data, ranges.get(name)!, bins);
  };

  const passes: ("range" | "histogram")[] = method.kind === "percentile" ? ["range", "histogram"] : ["range"];
  for (const pass of passes) {
    for (const name of fromFeeds) for (const input of inputs) observe(name, input.feeds[name].data as Float32Array, pass);
    for (let start = 0; start < fromRuns.length; start += perPass) {
      const chunk = fromRuns.slice(start, start + perPass);
      const bytes = encodeModel(withOutputs(model, chunk));
      const session = await ort.InferenceSession.create(bytes, await sessionOptions(bytes, { level: "basic", threads: 0 }));
      try {
        for (const input of inputs) {
          const outputs = await session.run(input.feeds, chunk);
          for (const name of chunk) observe(name, outputs[name].data as Float32Array, pass);
        }
      } finally {
        await session.release();
      }
    }
  }
  if (method.kind === "percentile") {
    for (const [name, histogram] of histograms) ranges.set(name, percentileRange(histogram, ranges.get(name)!, method.percentile));
  }
  return ranges;
}

/** A copy of the model that also outputs the named tensors (typed float; shapes left to ORT). */
export function withOutputs(model: ModelProto, names: string[]): ModelProto {
  const copy = cloneModel(model);
  const graph = copy.graph!;
  const existing = new Set(graph.output.map((o) => o.name));
  for (const name of names) {
    if (existing.has(name)) continue;
    graph.output.push(onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: { elemType: DataType.FLOAT } }) }));
  }
  return copy;
}

function addToHistogram(histograms: Map<string, Float64Array>, name: string, data: Float32Array, range: TensorRange, bins: number) {
  let histogram = histograms.get(name);
  if (!histogram) histograms.set(name, (histogram = new Float64Array(bins)));
  const width = (range.max - range.min) / bins;
  if (!(width > 0)) {
    histogram[0] += data.length;
    return;
  }
  for (let i = 0; i < data.length; i++) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((data[i] - range.min) / width)));
    histogram[bin]++;
  }
}

/** Range clipped at `percentile` % of the mass on each side; a side that never goes below 0 keeps 0. */
export function percentileRange(histogram: Float64Array, range: TensorRange, percentile: number): TensorRange {
  const total = histogram.reduce((s, v) => s + v, 0);
  const tail = (total * (100 - percentile)) / 100;
  const width = (range.max - range.min) / histogram.length;
  if (!(width > 0) || total === 0) return range;
  let low = 0;
  for (let seen = 0; low < histogram.length - 1 && seen + histogram[low] <= tail; low++) seen += histogram[low];
  let high = histogram.length - 1;
  for (let seen = 0; high > 0 && seen + histogram[high] <= tail; high--) seen += histogram[high];
  return {
    min: range.min >= 0 ? range.min : Math.min(0, range.min + low * width),
    max: range.max <= 0 ? range.max : Math.max(0, range.min + (high + 1) * width),
  };
}
