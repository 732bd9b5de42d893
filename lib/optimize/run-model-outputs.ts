import "server-only";
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/inference/session-options";
import type { OutputTensor } from "./agreement/compare-outputs";
import type { NamedInput } from "./inputs/eval-inputs";

/**
 * Runs a model file (or bytes) on each input and returns its first output, copied out of ORT.
 * Loading also proves the file is a graph ORT accepts with full optimisation (the QDQ fusions run
 * here), which is the final validity check for every produced variant.
 */
export async function runModelOutputs(model: string | Uint8Array, inputs: NamedInput[], intraOpNumThreads = 0): Promise<OutputTensor[]> {
  const session = await ort.InferenceSession.create(model as string, await sessionOptions(model, { threads: intraOpNumThreads }));
  try {
    const outputs: OutputTensor[] = [];
    for (const input of inputs) {
      const result = await session.run(input.feeds);
      const first = result[session.outputNames[0]];
      outputs.push({ data: Float32Array.from(first.data as Float32Array), dims: [...first.dims] });
    }
    return outputs;
  } finally {
    await session.release();
  }
}
