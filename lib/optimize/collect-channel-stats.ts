import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { withOutputs, type CalibrationInput } from "./calibrate-ranges";
import { encodeModel } from "./model-file";
import type { ModelProto } from "./onnx-proto";

/**
 * Per-channel mean and variance of activation tensors over real inputs (channel = axis 1 of an
 * NCHW tensor, or the last axis of a [.., K] MatMul input). Pruning uses them twice: a channel
 * that barely varies can be replaced by its mean with little loss, and whatever a removed weight or
 * channel contributed on average is added back to the next layer's bias ("bias correction").
 */

export interface ChannelStats {
  mean: Float64Array;
  variance: Float64Array;
}

export type ChannelAxis = "channels-first" | "last";

export async function collectChannelStats(options: {
  model: ModelProto;
  tensors: Map<string, ChannelAxis>;
  inputs: CalibrationInput[];
  tensorsPerPass?: number;
}): Promise<Map<string, ChannelStats>> {
  const names = [...options.tensors.keys()];
  const sums = new Map<string, { sum: Float64Array; sumSq: Float64Array; count: number }>();
  const graphInputs = new Set(options.model.graph!.input.map((v) => v.name));
  const observe = (name: string, tensor: ort.Tensor) => {
    const dims = tensor.dims;
    const data = tensor.data as Float32Array;
    const lastAxis = options.tensors.get(name) === "last" || dims.length < 3;
    const channels = lastAxis ? dims[dims.length - 1] : dims[1];
    const inner = lastAxis ? 1 : dims.slice(2).reduce((p, d) => p * d, 1);
    let acc = sums.get(name);
    if (!acc) sums.set(name, (acc = { sum: new Float64Array(channels), sumSq: new Float64Array(channels), count: 0 }));
    if (acc.sum.length !== channels) throw new Error(`${name} has ${channels} channels here, ${acc.sum.length} before`);
    for (let i = 0; i < data.length; i++) {
      const c = lastAxis ? i % channels : Math.floor(i / inner) % channels;
      acc.sum[c] += data[i];
      acc.sumSq[c] += data[i] * data[i];
    }
    acc.count += data.length / channels;
  };
  const fromRuns = names.filter((n) => !graphInputs.has(n));
  for (const name of names.filter((n) => graphInputs.has(n))) for (const input of options.inputs) observe(name, input.feeds[name]);
  const perPass = options.tensorsPerPass ?? 48;
  for (let start = 0; start < fromRuns.length; start += perPass) {
    const chunk = fromRuns.slice(start, start + perPass);
    const bytes = encodeModel(withOutputs(options.model, chunk));
    const session = await ort.InferenceSession.create(bytes, await sessionOptions(bytes, { level: "basic", threads: 0 }));
    try {
      for (const input of options.inputs) {
        const outputs = await session.run(input.feeds, chunk);
        for (const name of chunk) observe(name, outputs[name]);
      }
    } finally {
      await session.release();
    }
  }
  const stats = new Map<string, ChannelStats>();
  for (const [name, acc] of sums) {
    const mean = acc.sum.map((s) => s / acc.count);
    stats.set(name, { mean, variance: acc.sumSq.map((s, c) => Math.max(0, s / acc.count - mean[c] * mean[c])) });
  }
  return stats;
}
