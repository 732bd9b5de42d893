import "server-only";
import { InvalidArgumentError } from "../domain-errors";
import type { DecodedImage } from "../inference/image/decode-image";
import { characterErrorRate } from "../inference/ocr/measure-text-errors";
import { ocrModelIds } from "../inference/ocr/ocr-settings";
import { recognizeText, type OcrResult } from "../inference/ocr/recognize-text";
import { loadModel } from "../inference/session-pool";
import { getModelStore } from "../models/get-model-store";
import type { ModelEntry, ModelVariant } from "../models/manifest-schema";
import type { CompareResponse } from "../inference/measurement/result-schema";
import { ModelUnavailableError } from "../domain-errors";
import { round } from "../stats";

/**
 * A document page through the OCR variants. OCR is two models in a row, so a variant kind is run as
 * a pair: the detection and recognition variants of that kind made by the same recipe (matched by
 * the id suffix after the family, e.g. "-int8-static"); a stage without such a variant stays at full
 * precision. Naming one stage's family (`model: "ppocr-v4-rec"`) varies only that stage.
 */

type VariantResult = CompareResponse["variants"][number];
const PIPELINE_FAMILY = "ppocr-v4";

export function chooseOcrFamily(model: string | undefined): { family: string; task: ModelEntry["task"] } {
  if (!model || model === PIPELINE_FAMILY) return { family: PIPELINE_FAMILY, task: "text-recognition" };
  const store = getModelStore();
  const family = store.get(model)?.family ?? model;
  const member = store.list().find((m) => m.family === family);
  if (!member || (member.task !== "text-detection" && member.task !== "text-recognition")) {
    throw new InvalidArgumentError(
      `A document_image compares OCR variants: name "${PIPELINE_FAMILY}" (both stages), "${ocrModelIds.detection}" or "${ocrModelIds.recognition}".`,
      { field: "model", message: "not an OCR model family" },
    );
  }
  return { family, task: member.task };
}

interface Pair {
  label: string;
  variant: ModelVariant;
  detection: ModelEntry;
  recognition: ModelEntry;
}

function pairsFor(family: string, kind: ModelVariant): Pair[] {
  const store = getModelStore();
  const detectionFamily = store.get(ocrModelIds.detection)!.family;
  const recognitionFamily = store.get(ocrModelIds.recognition)!.family;
  const members = (f: string) => store.list().filter((m) => m.family === f && m.variant === kind);
  const fp32 = { detection: store.get(ocrModelIds.detection)!, recognition: store.get(ocrModelIds.recognition)! };
  if (kind === "full_precision") return [{ label: `${fp32.detection.id} + ${fp32.recognition.id}`, variant: kind, ...fp32 }];
  const varied = family === PIPELINE_FAMILY ? [...members(detectionFamily), ...members(recognitionFamily)] : members(family);
  const suffixes = new Set(varied.map((m) => m.id.slice(m.family.length)));
  return [...suffixes].map((suffix) => {
    const detection = family !== recognitionFamily ? (store.get(detectionFamily + suffix) ?? fp32.detection) : fp32.detection;
    const recognition = family !== detectionFamily ? (store.get(recognitionFamily + suffix) ?? fp32.recognition) : fp32.recognition;
    return { label: `${detection.id} + ${recognition.id}`, variant: kind, detection, recognition };
  });
}

function publicOutput(result: OcrResult) {
  return {
    full_text: result.fullText,
    lines: result.lines.map((l) => ({ text: l.text, confidence: round(l.confidence, 3), box: l.box })),
    page_rotation_degrees: result.pageRotationDegrees,
  };
}

export async function compareOcrVariants(image: DecodedImage, family: string, kinds: ModelVariant[]): Promise<VariantResult[]> {
  const store = getModelStore();
  let reference: OcrResult | undefined;
  const results: VariantResult[] = [];
  const order: ModelVariant[] = ["full_precision", ...kinds.filter((k) => k !== "full_precision")];
  for (const kind of order) {
    const pairs = pairsFor(family, kind);
    if (pairs.length === 0) {
      if (kinds.includes(kind))
        results.push({ available: false, variant: kind, reason: `No ${kind.replace("_", " ")} OCR variant of ${family} exists on this instance.` });
      continue;
    }
    for (const pair of pairs) {
      try {
        await Promise.all([loadModel(pair.detection.id), loadModel(pair.recognition.id)]);
        const startedAt = performance.now();
        const result = await recognizeText(image, { models: { detection: pair.detection.id, recognition: pair.recognition.id } });
        const latencyMs = performance.now() - startedAt;
        if (kind === "full_precision") reference = result;
        if (!kinds.includes(kind)) continue;
        const sizeBytes = [pair.detection, pair.recognition].reduce((sum, m) => sum + (store.get(m.id)?.files.find((f) => f.role === "model")?.bytes ?? 0), 0);
        results.push({
          available: true,
          modelId: pair.label,
          variant: kind,
          sizeBytes,
          latencyMs: round(latencyMs, 2),
          output: publicOutput(result),
          agreement:
            kind === "full_precision" || !reference
              ? null
              : {
                  metric: "text_agreement_vs_full_precision (1 - CER)",
                  value: round(Math.max(0, 1 - characterErrorRate(result.fullText, reference.fullText)), 4),
                },
        });
      } catch (error) {
        if (!(error instanceof ModelUnavailableError)) throw error;
        if (kinds.includes(kind)) results.push({ available: false, variant: kind, reason: error.message });
      }
    }
  }
  return results;
}
