import type * as ort from "onnxruntime-node";

// Its own file so both backends (inference-backend.ts and oip/remote-session.ts) name it without a cycle.

/** What the pipelines use of an ort.InferenceSession; an in-process session is one as it is. */
export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  run(feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType>;
  release(): Promise<void>;
}
