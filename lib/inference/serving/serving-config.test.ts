import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { loadManifest, getModelStore } from "../../models/get-model-store";
import { modelEntrySchema, servingSchema } from "../../models/manifest-schema";
import { hasBatchDimension, resolveServingConfig, SERVING_DEFAULTS } from "./serving-config";

const on = { batchingEnabled: true, queueLimit: 0, cores: 2 };

describe("per-model serving settings", () => {
  it("parses the manifest's serving entries and refuses malformed ones", () => {
    expect(servingSchema.parse({ batching: { maxBatchSize: 16, maxQueueDelayMs: 2 }, sessions: 2, queueLimit: 50 })).toEqual({
      batching: { maxBatchSize: 16, maxQueueDelayMs: 2 },
      sessions: 2,
      queueLimit: 50,
    });
    expect(servingSchema.parse({ batching: false })).toEqual({ batching: false });
    for (const bad of [
      { batching: true },
      { batching: { maxBatchSize: 0, maxQueueDelayMs: 0 } },
      { batching: { maxBatchSize: 8 } },
      { sessions: 0 },
      { queueLimit: 1.5 },
    ])
      expect(servingSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    const manifest = loadManifest();
    expect(manifest.models.find((m) => m.id === "mobilenetv2-int8")?.serving).toEqual({ batching: { maxBatchSize: 8, maxQueueDelayMs: 0 }, sessions: 1 });
    expect(manifest.models.find((m) => m.id === "ppocr-v4-det")?.serving).toEqual({ batching: false, memoryArena: false });
    expect(modelEntrySchema.shape.serving.safeParse(undefined).success).toBe(true);
  });

  it("fills what a model leaves out with the defaults, the queue limit from the cores", () => {
    expect(resolveServingConfig(undefined, true, on)).toEqual({
      batching: { maxBatchSize: SERVING_DEFAULTS.maxBatchSize, maxQueueDelayMs: SERVING_DEFAULTS.maxQueueDelayMs },
      sessions: SERVING_DEFAULTS.sessions,
      queueLimit: SERVING_DEFAULTS.queueLimitPerCore * 2,
    });
    expect(resolveServingConfig({ batching: { maxBatchSize: 4, maxQueueDelayMs: 5 }, sessions: 2, queueLimit: 7 }, true, on)).toEqual({
      batching: { maxBatchSize: 4, maxQueueDelayMs: 5 },
      sessions: 2,
      queueLimit: 7,
    });
    expect(resolveServingConfig(undefined, true, { ...on, queueLimit: 40 }).queueLimit).toBe(40);
  });

  it("batches only where the model can, the manifest allows and INFERENCE_BATCHING is on", () => {
    expect(resolveServingConfig({ batching: false }, true, on).batching).toBeNull();
    expect(resolveServingConfig({ batching: { maxBatchSize: 8, maxQueueDelayMs: 0 } }, false, on).batching).toBeNull();
    expect(resolveServingConfig(undefined, true, { ...on, batchingEnabled: false }).batching).toBeNull();
    // A batch of one is no batching.
    expect(resolveServingConfig({ batching: { maxBatchSize: 1, maxQueueDelayMs: 0 } }, true, on).batching).toBeNull();
    expect(parseEnv({ INFERENCE_BATCHING: "off" }).INFERENCE_BATCHING).toBe(false);
    expect(parseEnv({}).INFERENCE_BATCHING).toBe(true);
    expect(() => parseEnv({ INFERENCE_BATCHING: "sometimes" })).toThrow(/INFERENCE_BATCHING/);
    expect(parseEnv({}).REQUEST_DEADLINE_MS).toBe(30_000);
  });

  it("reads the batch dimension from the ONNX metadata: MobileNetV2 and PP-OCR have one, the YOLOX-Nano export has a fixed 1", async () => {
    const batchable: Record<string, boolean> = {};
    for (const id of ["mobilenetv2-int8", "yolox-nano", "ppocr-v4-rec", "ppocr-mobile-v2-cls"]) {
      const session = await ort.InferenceSession.create((await getModelStore().filePath(id, "model"))!);
      batchable[id] = hasBatchDimension(session);
      await session.release();
    }
    expect(batchable).toEqual({ "mobilenetv2-int8": true, "yolox-nano": false, "ppocr-v4-rec": true, "ppocr-mobile-v2-cls": true });
  });
});
