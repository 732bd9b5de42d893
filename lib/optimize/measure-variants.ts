import "server-only";
import { statSync } from "node:fs";
import type * as ort from "onnxruntime-node";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { compareOutputs, type AgreementMetric } from "./agreement/compare-outputs";
import { compareLatency } from "./compare-latency";
import type { NamedInput } from "./inputs/eval-inputs";
import type { LatencyResult } from "./measure-latency";
import { runModelOutputs } from "./run-model-outputs";

/**
 * Measures a parent model and its variants side by side: file size, `session.run` latency at batch
 * 1 for each thread setting (interleaved, see compareLatency) and agreement with the parent on
 * held-out real inputs. The benchmark runner and scripts/bench-variants.ts both call this.
 */

export interface MeasuredModel {
  id: string;
  kind: string;
  sizeBytes: number;
  latency: LatencyResult[];
  agreement?: { metric: AgreementMetric; value: number; secondary?: { metric: AgreementMetric; value: number }; inputs: number };
}

export async function measureVariants(options: {
  parent: { entry: ModelEntry; path: string };
  variants: { id: string; kind: string; path: string }[];
  /** Held-out inputs for agreement; the first one is also the latency input. */
  evaluation: NamedInput[];
  threads: number[];
  runs: number;
  latencyFeeds?: Record<string, ort.Tensor>;
}): Promise<MeasuredModel[]> {
  const { parent, variants, evaluation } = options;
  const models = [{ id: parent.entry.id, kind: parent.entry.variant, path: parent.path }, ...variants];
  const feeds = options.latencyFeeds ?? evaluation[0]?.feeds;
  if (!feeds) throw new Error("measureVariants needs at least one evaluation input");
  const latencies = new Map<string, LatencyResult[]>(models.map((m) => [m.id, []]));
  for (const threads of options.threads) {
    const results = await compareLatency({ models: models.map((m) => ({ id: m.id, model: m.path })), feeds, threads, runs: options.runs });
    for (const [id, result] of results) latencies.get(id)!.push(result);
  }
  const parentOutputs = variants.length ? await runModelOutputs(parent.path, evaluation) : [];
  const measured: MeasuredModel[] = [];
  for (const model of models) {
    const agreement =
      model.id === parent.entry.id || variants.length === 0
        ? undefined
        : { ...compareOutputs(parent.entry, parentOutputs, await runModelOutputs(model.path, evaluation)), inputs: evaluation.length };
    measured.push({ id: model.id, kind: model.kind, sizeBytes: statSync(model.path).size, latency: latencies.get(model.id)!, agreement });
  }
  return measured;
}
