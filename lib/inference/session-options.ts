import "server-only";
import type * as ort from "onnxruntime-node";
import { getEnv } from "../env";
import { getInt8Remedy, INT8_GUARD_METADATA_KEY, type Int8Remedy } from "./choose-int8-remedy";
import { readModelMetadata } from "./read-model-metadata";

/**
 * The one place ONNX Runtime session options are built, for serving, the benchmark runner, the
 * optimiser's checks and calibration, and the compare view alike (a test drives every creation
 * path and checks what it passed).
 *
 * - Intra-op worker threads do not spin while waiting for work: on a 2-core machine, where Node's
 *   own thread shares the cores, spinning workers made 2-thread YOLOX-Nano bimodal (9.4 ms or
 *   18-19 ms per run, depending on the session) while non-spinning ones ran a steady 12 ms.
 * - The int8 remedy (choose-int8-remedy.ts): where this CPU's U8S8 kernels saturate,
 *   `session.x64quantprecision = "1"`, except for models whose metadata says the quantizer guarded
 *   their weights against saturation (they are exact without it, and faster). ONNX Runtime applies
 *   the option in a level-2 graph transformer, so a session that asks for less than "extended"
 *   optimisation is raised to "extended" when the option is on (measured on an emulated AVX2 CPU:
 *   at "basic" the option changes nothing).
 * - ONNX Runtime's CPU memory arena is off for models whose inputs change size between calls (the
 *   OCR detector takes any page size, the recogniser any line width): the arena grows to the largest
 *   shape seen and never gives memory back, which held 1.1 GB for PP-OCR detection alone after pages
 *   up to 1600 px, against 0.5 GB without it, for about the same CPU (scripts/measure-session-memory.ts;
 *   figures in docs/serving.md). Fixed-shape models keep it: their memory plan is reused as is.
 */

export type OptimizationLevel = "disabled" | "basic" | "extended" | "all";

export interface SessionOptionsRequest {
  /** Intra-op threads; 0 lets ONNX Runtime decide. Default: ORT_INTRA_OP_THREADS. */
  threads?: number;
  /** Default "all" (serving). Calibration asks for "basic" to read many intermediate tensors cheaply. */
  level?: OptimizationLevel;
  /** Writes the graph ORT runs after its fusions (tests that check which kernels were chosen). */
  optimizedModelFilePath?: string;
  /** ORT's CPU memory arena (default on; the serving path passes the manifest's `serving.memoryArena`). */
  memoryArena?: boolean;
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
    ...(request.memoryArena === false ? { enableCpuMemArena: false } : {}),
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
    ...(request.optimizedModelFilePath ? { optimizedModelFilePath: request.optimizedModelFilePath } : {}),
    extra: { session: { intra_op: { allow_spinning: "0" }, ...(precisionOption ? { x64quantprecision: "1" } : {}) } },
  };
}

/** Whether the quantizer guarded this model's int8 weights against saturation (metadata written by lib/optimize). */
export function hasSaturationGuard(model: string | Uint8Array): boolean {
  const guard = readModelMetadata(model)[INT8_GUARD_METADATA_KEY];
  return guard !== undefined && guard !== "off";
}

/** Whether a session of `model` gets session.x64quantprecision under this remedy. */
export function needsPrecisionOption(remedy: Pick<Int8Remedy, "mode" | "precisionOption">, model: string | Uint8Array): boolean {
  if (remedy.mode === "on") return true;
  return remedy.precisionOption && !hasSaturationGuard(model);
}

/** Options for a new session of `model` (the path or bytes about to be loaded) on this machine, with the int8 remedy it needs. */
export async function sessionOptions(model: string | Uint8Array, request: SessionOptionsRequest = {}): Promise<ort.InferenceSession.SessionOptions> {
  return buildSessionOptions(request, needsPrecisionOption(await getInt8Remedy(), model));
}
