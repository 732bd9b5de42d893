import "server-only";
import { readFile } from "node:fs/promises";
import { ctcDecode } from "@/lib/inference/ocr/ctc-decode";
import { loadSymbols } from "@/lib/inference/ocr/load-symbols";
import { getModelStore } from "@/lib/models/get-model-store";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { compareOutputs, type OutputTensor, yoloxDetections } from "@/lib/optimize/agreement/compare-outputs";
import { matchDetections } from "@/lib/inference/postprocess/match-detections";
import type { CpuRunResult, PortabilityJob } from "./portability-job";
import { loadTensor } from "./saved-tensors";

/**
 * What two CPUs answered for the same int8 models on the same input tensors: per model, the answer
 * the product gives (top-1 label, the decoded detections, the binarised text map, the recognised
 * text) compared input by input, the pooled agreement metric of the model lab (detection F1,
 * probability-map IoU, 1 - CER), and the largest raw output difference.
 */

export interface InputAnswer {
  source: string;
  reference: string;
  other: string;
}

export interface ModelComparison {
  id: string;
  task: ModelEntry["task"];
  inputs: number;
  /** Inputs whose answer is the same on both CPUs (top-1 label, detections, text, binarised map). */
  sameAnswers: number;
  /** The inputs whose answers differ, with both answers. */
  differing: InputAnswer[];
  /** The model lab's agreement metric of the other CPU's outputs against the reference CPU's, pooled. */
  agreement: { metric: string; value: number };
  /** Largest |reference - other| over every raw output value (logits, probabilities or YOLOX's grid). */
  maxAbsDifference: number;
  /** Whether each CPU's session of this model got session.x64quantprecision. */
  precisionOption: { reference: boolean; other: boolean };
  /** Seconds spent in model calls on each CPU (sessions included). */
  runSeconds: { reference: number; other: number };
}

export interface RunOutputs {
  result: CpuRunResult;
  dir: string;
}

function outputsOf(run: RunOutputs, id: string): { outputs: OutputTensor[]; model: CpuRunResult["models"][number] } {
  const model = run.result.models.find((m) => m.id === id);
  if (!model) throw new Error(`the run in ${run.dir} has no outputs of ${id}`);
  return { model, outputs: model.outputs.map((o) => ({ data: loadTensor(run.dir, o), dims: o.dims })) };
}

async function fileOf(entry: ModelEntry, role: string): Promise<string> {
  const resolved = await getModelStore().resolve(entry.id);
  const file = resolved.available ? resolved.files.find((f) => f.role === role)?.path : undefined;
  if (!file) throw new Error(`${entry.id} has no ${role} file here`);
  return file;
}

/** The answer the product derives from one raw output, as a comparable string. */
async function answerReader(entry: ModelEntry): Promise<(output: OutputTensor) => string> {
  if (entry.task === "image-classification" && entry.output?.kind === "classification") {
    const labels = (await readFile(await fileOf(entry, "labels"), "utf8")).split(/\r?\n/);
    const offset = entry.output.labelOffset;
    return ({ data }) => {
      let best = 0;
      for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
      return labels[best + offset] ?? `class ${best}`;
    };
  }
  if (entry.task === "object-detection") {
    const names = entry.labels ?? [];
    return (output) =>
      yoloxDetections(entry, output)
        .map((b) => `${names[b.classIndex] ?? b.classIndex} ${[b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v)).join(",")}`)
        .join("; ");
  }
  if (entry.task === "text-recognition") {
    const symbols = await loadSymbols(await fileOf(entry, "dictionary"));
    return ({ data, dims }) => ctcDecode(data, dims[1], dims[2], symbols).text;
  }
  // Text detection: the map DBNet's post-processing reads, binarised at its threshold.
  return ({ data }) => `${data.reduce((n, v) => n + (v > 0.3 ? 1 : 0), 0)} text pixels`;
}

/** Whether two outputs give the same answer (detections matched one to one rather than by rounded coordinates). */
function sameAnswer(entry: ModelEntry, a: OutputTensor, b: OutputTensor, answer: (o: OutputTensor) => string): boolean {
  if (entry.task === "object-detection") {
    const [x, y] = [yoloxDetections(entry, a), yoloxDetections(entry, b)];
    return x.length === y.length && matchDetections(x, y, 0.9) === x.length;
  }
  if (entry.task === "text-detection") return a.data.every((v, k) => v > 0.3 === b.data[k] > 0.3);
  return answer(a) === answer(b);
}

export async function compareCpuRuns(options: {
  job: PortabilityJob;
  entries: Map<string, ModelEntry>;
  reference: RunOutputs;
  other: RunOutputs;
}): Promise<ModelComparison[]> {
  const comparisons: ModelComparison[] = [];
  for (const model of options.job.models) {
    const entry = options.entries.get(model.id)!;
    const reference = outputsOf(options.reference, model.id);
    const other = outputsOf(options.other, model.id);
    const answer = await answerReader(entry);
    const differing: InputAnswer[] = [];
    let maxAbsDifference = 0;
    model.inputs.forEach((input, i) => {
      const [a, b] = [reference.outputs[i], other.outputs[i]];
      for (let k = 0; k < a.data.length; k++) maxAbsDifference = Math.max(maxAbsDifference, Math.abs(a.data[k] - b.data[k]));
      if (!sameAnswer(entry, a, b, answer)) differing.push({ source: input.source, reference: answer(a), other: answer(b) });
    });
    const { metric, value } = compareOutputs(entry, reference.outputs, other.outputs);
    comparisons.push({
      id: model.id,
      task: entry.task,
      inputs: model.inputs.length,
      sameAnswers: model.inputs.length - differing.length,
      differing,
      agreement: { metric, value },
      maxAbsDifference,
      precisionOption: { reference: reference.model.precisionOption, other: other.model.precisionOption },
      runSeconds: { reference: reference.model.runSeconds, other: other.model.runSeconds },
    });
  }
  return comparisons;
}
