import "server-only";
import type * as ort from "onnxruntime-node";
import { getEnv } from "../env";
import { getInt8Remedy } from "./choose-int8-remedy";

/**
 * The one place ONNX Runtime session options are built, for serving, the benchmark runner, the
 * optimiser's checks and calibration, and the compare view alike (a test drives every creation
 * path and checks what it passed).
 *
 * - Intra-op worker threads do not spin while waiting for work: on a 2-core machine, where Node's
 *   own thread shares the cores, spinning workers made 2-thread YOLOX-Nano bimodal (9.4 ms or
 *   18-19 ms per run, depending on the session) while non-spinning ones ran a steady 12 ms.
 * - The int8 remedy (choose-int8-remedy.ts): where this CPU's U8S8 kernels saturate,
 *   `session.x64quantprecision = "1"`. ONNX Runtime applies it in a level-2 graph transformer, so
 *   a session that asks for less than "extended" optimisation is raised to "extended" when the
 *   option is on (measured on an emulated AVX2 CPU: at "basic" the option changes nothing).
 */

export type OptimizationLevel = "disabled" | "basic" | "extended" | "all";

export interface SessionOptionsRequest {
  /** Intra-op threads; 0 lets ONNX Runtime decide. Default: ORT_INTRA_OP_THREADS. */
  threads?: number;
  /** Default "all" (serving). Calibration asks for "basic" to read many intermediate tensors cheaply. */
  level?: OptimizationLevel;
  /** Writes the graph ORT runs after its fusions (tests that check which kernels were chosen). */
  optimizedModelFilePath?: string;
}

const LEVELS: OptimizationLevel[] = ["disabled", "basic", "extended", "all"];

export function buildSessionOptions(request: SessionOptionsRequest, precisionOption: boolean): ort.InferenceSession.SessionOptions {
  const threads = request.threads ?? getEnv().ORT_INTRA_OP_THREADS;
  const requested = request.level ?? "all";
  const level = precisionOption && LEVELS.indexOf(requested) < LEVELS.indexOf("extended") ? "extended" : requested;
  return {
    graphOptimizationLevel: level,
    executionMode: "sequential",
    interOpNumThreads: 1,
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
    ...(request.optimizedModelFilePath ? { optimizedModelFilePath: request.optimizedModelFilePath } : {}),
    extra: { session: { intra_op: { allow_spinning: "0" }, ...(precisionOption ? { x64quantprecision: "1" } : {}) } },
  };
}

/** Options for a new session on this machine, with the int8 remedy it needs. */
export async function sessionOptions(request: SessionOptionsRequest = {}): Promise<ort.InferenceSession.SessionOptions> {
  const remedy = await getInt8Remedy();
  return buildSessionOptions(request, remedy.precisionOption);
}
