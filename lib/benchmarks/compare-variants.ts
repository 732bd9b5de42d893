import "server-only";
import type { z } from "zod";
import { decodeBase64Field } from "../base64-field";
import { getEnv } from "../env";
import { classifyImage, type ClassificationResult } from "../inference/classify-image";
import { defaultModelFor } from "../inference/default-model";
import { detectObjects, type DetectionResult } from "../inference/detect-objects";
import { decodeImage, type DecodedImage } from "../inference/image/decode-image";
import { loadModel } from "../inference/session-pool";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry, ModelVariant } from "../models/manifest-schema";
import { matchF1 } from "./accuracy/detection-accuracy";
import { chooseOcrFamily, compareOcrVariants } from "./compare-ocr-variants";
import type { compareRequestSchema, CompareResponse } from "../inference/measurement/result-schema";
import { InvalidArgumentError, ModelUnavailableError } from "../domain-errors";
import { round } from "../stats";

/**
 * One input through every requested variant of a model family (full precision, int8, pruned):
 * each variant's output, its latency on this input, and how far it agrees with the full-precision
 * output — the side-by-side view of what optimisation changed.
 */

type CompareRequest = z.infer<typeof compareRequestSchema>;
type VariantResult = CompareResponse["variants"][number];

function chooseFamily(request: CompareRequest): { family: string; task: ModelEntry["task"] } {
  const store = getModelStore();
  if ("document_image" in request.input) return chooseOcrFamily(request.model);
  if (!request.model) {
    const id = defaultModelFor("object-detection");
    return { family: store.get(id)!.family, task: "object-detection" };
  }
  const byId = store.get(request.model);
  const family = byId?.family ?? request.model;
  const member = store.list().find((m) => m.family === family);
  if (!member)
    throw new InvalidArgumentError(`No model or family named "${request.model}". GET /api/v1/models lists them.`, { field: "model", message: "unknown" });
  if (member.task !== "object-detection" && member.task !== "image-classification") {
    throw new InvalidArgumentError(`Family "${family}" does ${member.task}; an image input compares object-detection or image-classification families.`, {
      field: "model",
      message: "task does not take an image",
    });
  }
  return { family, task: member.task };
}

type Output = { kind: "detection"; result: DetectionResult } | { kind: "classification"; result: ClassificationResult };

async function runTask(task: ModelEntry["task"], image: DecodedImage, modelId: string): Promise<{ output: Output; latencyMs: number }> {
  // Load the session first: a variant's first use pays for loading it, which is not its latency.
  await loadModel(modelId);
  const startedAt = performance.now();
  const output: Output =
    task === "object-detection"
      ? { kind: "detection", result: await detectObjects(image, { modelId }) }
      : { kind: "classification", result: await classifyImage(image, { modelId, k: 5 }) };
  return { output, latencyMs: performance.now() - startedAt };
}

function publicOutput(output: Output, image: DecodedImage) {
  if (output.kind === "detection") {
    return {
      image: { width: image.width, height: image.height },
      objects: output.result.objects.map((o) => ({
        label: o.label,
        score: round(o.score, 4),
        box: { x: round(o.box.x, 1), y: round(o.box.y, 1), width: round(o.box.width, 1), height: round(o.box.height, 1) },
      })),
    };
  }
  return { labels: output.result.labels.map((l) => ({ label: l.label, probability: round(l.probability, 4) })) };
}

function agreement(output: Output, reference: Output | undefined) {
  if (!reference) return null;
  if (output.kind === "detection" && reference.kind === "detection") {
    return { metric: "detection_f1_vs_full_precision", value: round(matchF1(output.result.objects, reference.result.objects), 4) };
  }
  if (output.kind === "classification" && reference.kind === "classification") {
    const same = output.result.labels[0]?.index === reference.result.labels[0]?.index;
    return { metric: "same_top1_as_full_precision", value: same ? 1 : 0 };
  }
  return null;
}

export async function compareVariants(request: CompareRequest): Promise<CompareResponse> {
  const startedAt = performance.now();
  const { family, task } = chooseFamily(request);
  const env = getEnv();
  const field = "image" in request.input ? "input.image" : "input.document_image";
  const raw = "image" in request.input ? request.input.image : request.input.document_image;
  const image = await decodeImage(decodeBase64Field(field, raw).bytes, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
  if ("document_image" in request.input) {
    const variants = await compareOcrVariants(image, family, request.models as ModelVariant[]);
    return { family, task, variants, processing_time_ms: round(performance.now() - startedAt, 2) };
  }
  const members = getModelStore()
    .list()
    .filter((m) => m.family === family);
  // The full-precision output is the reference every other variant is compared against.
  const fullPrecision = members.find((m) => m.variant === "full_precision");
  const reference = fullPrecision ? await runTask(task, image, fullPrecision.id).catch(() => undefined) : undefined;

  const variants: VariantResult[] = [];
  for (const kind of request.models as ModelVariant[]) {
    const candidates = members.filter((m) => m.variant === kind);
    if (candidates.length === 0) {
      variants.push({ available: false, variant: kind, reason: `No ${kind.replace("_", " ")} variant of ${family} exists on this instance.` });
      continue;
    }
    for (const entry of candidates) {
      try {
        const ran = entry.id === fullPrecision?.id && reference ? reference : await runTask(task, image, entry.id);
        variants.push({
          available: true,
          modelId: entry.id,
          variant: entry.variant,
          sizeBytes: entry.files.find((f) => f.role === "model")?.bytes ?? 0,
          latencyMs: round(ran.latencyMs, 2),
          output: publicOutput(ran.output, image),
          agreement: entry.id === fullPrecision?.id ? null : agreement(ran.output, reference?.output),
        });
      } catch (error) {
        if (!(error instanceof ModelUnavailableError)) throw error;
        variants.push({ available: false, variant: kind, reason: error.message });
      }
    }
  }
  return { family, task, variants, processing_time_ms: round(performance.now() - startedAt, 2) };
}
