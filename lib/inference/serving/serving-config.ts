import { availableParallelism } from "node:os";
import type * as ort from "onnxruntime-node";
import type { ServingSpec } from "../../models/manifest-schema";

/**
 * A model's serving settings: its manifest `serving` entry over the defaults below, with the
 * process-wide switches (INFERENCE_BATCHING, INFERENCE_QUEUE_LIMIT) applied. Batching is only ever
 * on for a model whose every input and output has a dynamic first dimension (read from the ONNX
 * metadata), whatever the manifest says: a fixed batch of 1 (YOLOX-Nano's export) cannot stack.
 */

export interface BatchingConfig {
  maxBatchSize: number;
  maxQueueDelayMs: number;
}

export interface ServingConfig {
  batching: BatchingConfig | null;
  sessions: number;
  queueLimit: number;
}

/**
 * Defaults chosen from scripts/tune-sessions.ts on a 2-core machine (README, "Batching, backpressure
 * and deadlines"), measured when sessions still ran on the JavaScript thread, where a second session
 * of a model added memory but no concurrency (on inference threads, lib/inference/off-loop, it could
 * run beside the first; docs/serving.md); batches form from the requests that queued while the
 * previous run was busy, so no extra delay is needed to fill them.
 */
export const SERVING_DEFAULTS = { maxBatchSize: 8, maxQueueDelayMs: 0, sessions: 1, queueLimitPerCore: 16 } as const;

export interface ServingSwitches {
  batchingEnabled: boolean;
  /** 0: SERVING_DEFAULTS.queueLimitPerCore per CPU core. */
  queueLimit: number;
  cores?: number;
}

const isDynamic = (dim: unknown) => typeof dim === "string" || (typeof dim === "number" && dim < 0);

/** Whether every tensor of the model has a dynamic first dimension (its batch dimension). */
export function hasBatchDimension(metadata: {
  inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  outputMetadata: readonly ort.InferenceSession.ValueMetadata[];
}): boolean {
  const tensors = [...metadata.inputMetadata, ...metadata.outputMetadata];
  return tensors.length > 0 && tensors.every((m) => m.isTensor && m.shape.length > 0 && isDynamic(m.shape[0]));
}

export function resolveServingConfig(spec: ServingSpec | undefined, batchable: boolean, switches: ServingSwitches): ServingConfig {
  const cores = switches.cores ?? availableParallelism();
  const batching =
    switches.batchingEnabled && batchable && spec?.batching !== false
      ? {
          maxBatchSize: spec?.batching?.maxBatchSize ?? SERVING_DEFAULTS.maxBatchSize,
          maxQueueDelayMs: spec?.batching?.maxQueueDelayMs ?? SERVING_DEFAULTS.maxQueueDelayMs,
        }
      : null;
  return {
    batching: batching && batching.maxBatchSize > 1 ? batching : null,
    sessions: spec?.sessions ?? SERVING_DEFAULTS.sessions,
    queueLimit: spec?.queueLimit ?? (switches.queueLimit > 0 ? switches.queueLimit : SERVING_DEFAULTS.queueLimitPerCore * cores),
  };
}
