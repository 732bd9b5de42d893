import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import { encodeModel } from "../model-file";
import { onnx, type ModelProto } from "../onnx-proto";

/** ORT helpers for the toolkit's tests: run a graph, and see which kernels ORT chose after its fusions. */

export async function runGraph(model: ModelProto | Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  const bytes = model instanceof Uint8Array ? model : encodeModel(model);
  const session = await ort.InferenceSession.create(bytes, await sessionOptions(bytes, { threads: 0 }));
  try {
    const out = await session.run(feeds);
    return Float32Array.from(out[session.outputNames[0]].data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Op types of the graph ORT actually runs after its fusions (domain dropped: QLinearConv is ONNX, QLinearMul com.microsoft). */
export async function optimizedOpTypes(model: ModelProto): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), "ie-ort-opt-"));
  try {
    const file = path.join(dir, "optimized.onnx");
    const bytes = encodeModel(model);
    const session = await ort.InferenceSession.create(bytes, await sessionOptions(bytes, { level: "extended", threads: 0, optimizedModelFilePath: file }));
    await session.release();
    const optimized = onnx.ModelProto.decode(readFileSync(file));
    const counts: Record<string, number> = {};
    for (const node of optimized.graph!.node!) {
      counts[node.opType!] = (counts[node.opType!] ?? 0) + 1;
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

export function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}
