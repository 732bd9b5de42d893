import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { compareVariants } from "../../benchmarks/compare-variants";
import { getEnv } from "../../env";
import { classifyImage } from "../../inference/classify-image";
import { defaultModelFor } from "../../inference/default-model";
import { detectObjects } from "../../inference/detect-objects";
import { decodeImage } from "../../inference/image/decode-image";
import { round } from "../../stats";
import { attachmentById } from "../attachments";
import { attachmentName, runGuarded, type ToolContext } from "../tool-context";

/** Tools over an attached image: what the vision models see in it, and the model variants side by side. */

const attachmentId = z.string().min(1).max(20).describe('The attachment to use, as named in the conversation ("a1").');

export function visionTools(context: ToolContext) {
  return {
    analyze_image: tool({
      description:
        "Classify an attached image (ImageNet top labels, MobileNetV2) and detect objects in it (COCO classes with boxes in pixels, YOLOX-Nano). Use for 'what is in this picture'.",
      inputSchema: z.object({
        attachment_id: attachmentId,
        top_k: z.number().int().min(1).max(10).default(5).describe("How many labels to return"),
      }),
      execute: ({ attachment_id, top_k }) =>
        runGuarded(
          context,
          "analyze_image",
          async () => {
            const attachment = attachmentById(context.attachments, attachment_id);
            const env = getEnv();
            const image = await decodeImage(attachment.bytes, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });
            const [labels, objects] = await Promise.all([
              classifyImage(image, { modelId: defaultModelFor("image-classification"), k: top_k }),
              detectObjects(image, { modelId: defaultModelFor("object-detection") }),
            ]);
            context.models.push(labels.model.id, objects.model.id);
            return {
              attachment_id: attachment.id,
              image: { width: image.width, height: image.height, format: image.format },
              labels: labels.labels.map((l) => ({ label: l.label, probability: round(l.probability, 4) })),
              objects: objects.objects.map((o) => ({ label: o.label, score: round(o.score, 3), box: o.box })),
              models: { classifier: labels.model.id, detector: objects.model.id },
            };
          },
          () => ({ kind: "image-text", title: attachmentName(context, attachment_id), request: { attachment_id, top_k } }),
        ),
    }),

    compare_variants: tool({
      description:
        "Run an attached image (or document page) through the full-precision, int8-quantized and pruned variants of a model family and compare latency and agreement with full precision.",
      inputSchema: z.object({
        attachment_id: attachmentId,
        kind: z.enum(["image", "document"]).default("image").describe("image: a detection/classification family; document: the OCR family"),
        model: z.string().max(100).optional().describe('A family or model id (e.g. "yolox-nano", "mobilenetv2"); default: the detector'),
      }),
      execute: ({ attachment_id, kind, model }) =>
        runGuarded(context, "compare_variants", async () => {
          const attachment = attachmentById(context.attachments, attachment_id);
          const encoded = attachment.bytes.toString("base64");
          const compared = await compareVariants({
            input: kind === "document" ? { document_image: encoded } : { image: encoded },
            model,
            models: ["full_precision", "quantized", "pruned"],
          });
          return {
            attachment_id: attachment.id,
            family: compared.family,
            task: compared.task,
            variants: compared.variants.map((v) =>
              v.available
                ? { variant: v.variant, model_id: v.modelId, size_bytes: v.sizeBytes, latency_ms: round(v.latencyMs, 1), agreement: v.agreement }
                : { variant: v.variant, available: false, reason: v.reason },
            ),
          };
        }),
    }),
  };
}
