import { getInt, setInt } from "./attributes";
import { assertValidGraph } from "./check-graph";
import type { ChannelAxis, ChannelStats } from "./collect-channel-stats";
import { addToBias, outputShift } from "./correct-bias";
import { createNamer, indexGraph, type GraphIndex } from "./graph-index";
import type { ModelProto, NodeProto } from "./onnx-proto";
import { setFloat32, tensorDims, tensorToFloat32 } from "./tensor-data";
import { isDepthwise, traceChannelRegion, type ChannelRegion } from "./trace-channel-region";

/**
 * Structured pruning of Conv output channels: for each prunable Conv (see traceChannelRegion) the
 * channels with the smallest filter L1 norm are removed from its weight and bias, from every
 * per-channel parameter downstream (BatchNorm, depthwise Convs, per-channel constants) and from the
 * input channels of the Convs that read them. The tensors really shrink, so ORT does less work and
 * the file gets smaller — unlike magnitude pruning. Without fine-tuning, accuracy drops quickly with
 * the ratio; the variant's agreement with its parent is what says how far one can go.
 * With channel statistics of the tensors the sink Convs read, channels are ranked by how much they
 * can change the sinks' outputs (variance x squared outgoing weights) instead of by filter norm, and
 * each removed channel's mean contribution is folded into the sinks' biases.
 */

export interface ChannelPruneOptions {
  /** Share of output channels removed from each prunable Conv. */
  ratio: number;
  /** Never leave a Conv with fewer channels than this. */
  minChannels: number;
  /** Keep channel counts a multiple of this (SIMD-friendly); 1 = no rounding. */
  multipleOf: number;
  excludeNodes: string[];
}

export interface ChannelPruneReport {
  pruned: { node: string; channelsBefore: number; channelsAfter: number }[];
  skipped: { node: string; reason: string }[];
}

/** Keeps `indices` (sorted) along `axis` of a float initializer. */
function sliceAxis(index: GraphIndex, name: string, axis: number, keep: number[]): void {
  const tensor = index.initializers.get(name);
  if (!tensor) throw new Error(`expected an initializer named ${name}`);
  const dims = tensorDims(tensor);
  const values = tensorToFloat32(tensor);
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const result = new Float32Array(outer * keep.length * inner);
  for (let o = 0; o < outer; o++) {
    keep.forEach((c, k) => {
      const from = (o * dims[axis] + c) * inner;
      result.set(values.subarray(from, from + inner), (o * keep.length + k) * inner);
    });
  }
  const newDims = [...dims];
  newDims[axis] = keep.length;
  setFloat32(tensor, result, newDims);
}

/** Filter L1 norm per output channel: the data-free ranking. */
function filterNorms(weight: Float32Array, channels: number): number[] {
  const perChannel = weight.length / channels;
  return Array.from({ length: channels }, (_, c) => {
    let sum = 0;
    for (let k = 0; k < perChannel; k++) sum += Math.abs(weight[c * perChannel + k]);
    return sum;
  });
}

/** Variance of each channel times the squared weights the sinks apply to it: its share of their output error. */
function sinkImportance(index: GraphIndex, region: ChannelRegion, channels: number, stats: Map<string, ChannelStats>): number[] | undefined {
  const importance = new Array<number>(channels).fill(0);
  for (const sink of region.sinks) {
    const s = stats.get(sink.input[0]);
    const weight = index.initializers.get(sink.input[1]);
    if (!s || !weight || s.variance.length !== channels) return undefined;
    const dims = tensorDims(weight);
    const w = tensorToFloat32(weight);
    const kernel = dims.slice(2).reduce((p, d) => p * d, 1);
    for (let o = 0; o < dims[0]; o++) {
      for (let c = 0; c < channels; c++) {
        let sq = 0;
        for (let k = 0; k < kernel; k++) sq += w[(o * channels + c) * kernel + k] ** 2;
        importance[c] += sq * s.variance[c];
      }
    }
  }
  return importance;
}

function channelsToKeep(scores: number[], options: ChannelPruneOptions): number[] {
  const channels = scores.length;
  const norms = scores.map((sum, c) => ({ c, sum }));
  let keepCount = Math.max(options.minChannels, Math.round(channels * (1 - options.ratio)));
  keepCount = Math.min(channels, Math.ceil(keepCount / options.multipleOf) * options.multipleOf);
  return norms
    .sort((a, b) => b.sum - a.sum)
    .slice(0, keepCount)
    .map((n) => n.c)
    .sort((a, b) => a - b);
}

/** Folds the removed channels' mean contribution into each sink's bias (before the sinks are sliced). */
function compensateSinks(
  model: ModelProto,
  index: GraphIndex,
  region: ChannelRegion,
  keep: number[],
  stats: Map<string, ChannelStats>,
  unique: (b: string) => string,
) {
  const kept = new Set(keep);
  for (const sink of region.sinks) {
    const s = stats.get(sink.input[0]);
    const weight = index.initializers.get(sink.input[1])!;
    if (!s) continue;
    const dims = tensorDims(weight);
    const w = tensorToFloat32(weight);
    const kernel = dims.slice(2).reduce((p, d) => p * d, 1);
    const removed = w.map((v, i) => (kept.has(Math.floor(i / kernel) % dims[1]) ? 0 : v));
    addToBias(model.graph!, index, sink, outputShift(sink, removed, dims, s.mean), unique);
  }
}

function applyRegion(index: GraphIndex, conv: NodeProto, region: ChannelRegion, keep: number[], channels: number): void {
  sliceAxis(index, conv.input[1], 0, keep);
  if (conv.input[2]) sliceAxis(index, conv.input[2], 0, keep);
  for (const node of region.inner) {
    if (node.opType === "BatchNormalization") for (const p of node.input.slice(1, 5)) sliceAxis(index, p, 0, keep);
    else if (node.opType === "Conv") {
      sliceAxis(index, node.input[1], 0, keep);
      if (node.input[2]) sliceAxis(index, node.input[2], 0, keep);
      setInt(node, "group", keep.length);
    } else {
      for (const input of node.input) {
        const t = index.initializers.get(input);
        if (!t || tensorDims(t).reduce((p, d) => p * d, 1) !== channels) continue;
        const dims = tensorDims(t);
        sliceAxis(index, input, dims.indexOf(channels), keep);
      }
    }
  }
  for (const sink of region.sinks) sliceAxis(index, sink.input[1], 1, keep);
}

/** A per-channel parameter the region would slice that another node also reads, if any. */
function sharedParameter(index: GraphIndex, region: ChannelRegion, channels: number): string | undefined {
  const names: string[] = region.sinks.map((s) => s.input[1]);
  for (const node of region.inner) {
    for (const input of node.input) {
      const t = index.initializers.get(input);
      if (
        t &&
        ((node.opType !== "Mul" && node.opType !== "Add" && node.opType !== "Sub" && node.opType !== "Div") ||
          tensorDims(t).reduce((p, d) => p * d, 1) === channels)
      )
        names.push(input);
    }
  }
  return names.find((n) => (index.consumers.get(n)?.length ?? 0) > 1);
}

/** Prunable Convs with their regions, in graph order. */
function prunableConvs(model: ModelProto, options: ChannelPruneOptions, report?: ChannelPruneReport) {
  const index = indexGraph(model.graph!);
  const result: { conv: NodeProto; region: ChannelRegion; channels: number }[] = [];
  for (const conv of model.graph!.node) {
    if (conv.opType !== "Conv" || options.excludeNodes.includes(conv.name)) continue;
    const weight = index.initializers.get(conv.input[1]);
    if (!weight || isDepthwise(conv, index) || getInt(conv, "group", 1) !== 1) continue;
    if ([conv.input[1], conv.input[2]].some((n) => n && (index.consumers.get(n)?.length ?? 0) > 1)) continue;
    const channels = tensorDims(weight)[0];
    const region = traceChannelRegion(conv, index, channels);
    if ("reason" in region) report?.skipped.push({ node: conv.name, reason: region.reason });
    else result.push({ conv, region, channels });
  }
  return result;
}

/** Tensors whose channel statistics pruneChannels can use: what each prunable region's sinks read. */
export function channelPruningTensors(model: ModelProto, options: ChannelPruneOptions): Map<string, ChannelAxis> {
  const tensors = new Map<string, ChannelAxis>();
  for (const { region } of prunableConvs(model, options)) for (const sink of region.sinks) tensors.set(sink.input[0], "channels-first");
  return tensors;
}

export function pruneChannels(model: ModelProto, options: ChannelPruneOptions, stats?: Map<string, ChannelStats>): ChannelPruneReport {
  if (!(options.ratio > 0 && options.ratio < 1)) throw new Error(`ratio must be in (0, 1), got ${options.ratio}`);
  const graph = model.graph!;
  const report: ChannelPruneReport = { pruned: [], skipped: [] };
  const unique = createNamer(graph);
  // Regions are traced once on the unpruned graph: pruning one Conv changes channel counts, not the
  // structure another region depends on. The index stays valid because tensors are edited in place.
  const index = indexGraph(graph);
  for (const { conv, region, channels } of prunableConvs(model, options, report)) {
    const shared = sharedParameter(index, region, channels);
    if (shared) {
      report.skipped.push({ node: conv.name, reason: `parameter ${shared} is shared with nodes outside the region` });
      continue;
    }
    const scores = (stats && sinkImportance(index, region, channels, stats)) ?? filterNorms(tensorToFloat32(index.initializers.get(conv.input[1])!), channels);
    const keep = channelsToKeep(scores, options);
    if (keep.length === channels) {
      report.skipped.push({ node: conv.name, reason: `only ${channels} channels` });
      continue;
    }
    if (stats) compensateSinks(model, index, region, keep, stats, unique);
    applyRegion(index, conv, region, keep, channels);
    report.pruned.push({ node: conv.name, channelsBefore: channels, channelsAfter: keep.length });
  }
  // Recorded shapes of the shrunk tensors are now wrong; ORT infers them again at load.
  graph.valueInfo = [];
  assertValidGraph(graph, "channel-pruned graph");
  return report;
}
