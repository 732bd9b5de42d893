import "server-only";
import { ModelUnavailableError } from "../../domain-errors";
import { getEnv } from "../../env";
import { classifyImage } from "../../inference/classify-image";
import { detectObjects } from "../../inference/detect-objects";
import { decodeImage } from "../../inference/image/decode-image";
import { computeImageFacts } from "../../inference/image/image-facts";
import { recognizeText } from "../../inference/ocr/recognize-text";
import type { ModelRole } from "../../inference/serving/model-roles";
import { resolveModel, type ResolvedModel } from "../../inference/serving/resolve-variants";
import { baseModelFor, getServingDefaults } from "../../inference/serving/serving-defaults";
import { assessSafety } from "../../safety/evaluate-safety";
import { imageTextTasksToRun, rolesFor, type ImageTextTask } from "./image-text-tasks";
import { classificationOut, detectionOut, factsOut, ms, ocrOut, sum } from "./image-text-output";
import { getLabelVocabulary, type LabelVocabulary } from "./label-vocabulary";
import { relateTextToImage } from "./relate-text-to-image";
import type { ImageTextFindings, ImageTextRequest, ImageTextResponse } from "./schema";
import { summarizeFindings } from "./summarize-findings";

/**
 * The image-text analysis: decode once, run the asked-for vision tasks (and what they need, see
 * image-text-tasks.ts) on the same pixels in parallel, each with the requested variant or its role's
 * serving default, then relate the caption to what they saw. Tasks not asked for never start. A
 * task whose model is unavailable answers `available: false` with the reason instead of failing.
 */

type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };

async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    // Only "this model cannot be had" degrades to available:false; anything else is a real failure.
    if (error instanceof ModelUnavailableError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Every role named in `variants` is checked (a bad name is a 400 even for a task not run); unavailable ones settle. */
async function chooseModels(roles: ModelRole[], variants: ImageTextRequest["variants"] = {}) {
  const serving = await getServingDefaults();
  const named = Object.keys(variants) as ModelRole[];
  const chosen = new Map<ModelRole, Settled<ResolvedModel>>();
  for (const role of new Set([...named, ...roles])) {
    chosen.set(role, await settle(async () => resolveModel(serving[role], variants[role])));
  }
  return (role: ModelRole) => chosen.get(role)!;
}

function withModel<T>(choice: Settled<ResolvedModel>, work: (model: ResolvedModel) => Promise<T>): Promise<Settled<T>> {
  return choice.ok ? settle(() => work(choice.value)) : Promise.resolve(choice);
}

export async function analyzeImageText(input: { image: Buffer; request: ImageTextRequest; requestId: string }): Promise<ImageTextResponse> {
  const startedAt = performance.now();
  const env = getEnv();
  const { request } = input;
  const tasks = imageTextTasksToRun(request.tasks);
  const runs = (task: ImageTextTask) => tasks.includes(task);
  const chosen = await chooseModels(rolesFor(tasks), request.variants);
  const image = await decodeImage(input.image, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS });

  const factsStartedAt = performance.now();
  const ocrChoice = runs("ocr") ? bothOcrModels(chosen("ocr_detection"), chosen("ocr_recognition")) : undefined;
  const [labels, objects, facts, ocr] = await Promise.all([
    runs("labels") ? withModel(chosen("classifier"), (m) => classifyImage(image, { modelId: m.modelId, k: request.top_k })) : undefined,
    runs("objects")
      ? withModel(chosen("detector"), (m) => detectObjects(image, { modelId: m.modelId, scoreThreshold: request.detection_threshold }))
      : undefined,
    runs("facts") ? computeImageFacts(image).then((value) => ({ value, factsMs: performance.now() - factsStartedAt })) : undefined,
    // Text in photos is almost always upright: skipping the page-rotation search keeps OCR cheap here.
    ocrChoice
      ? withModel(ocrChoice, () =>
          recognizeText(image, {
            detectPageRotation: false,
            models: { detection: modelOf(chosen("ocr_detection")), recognition: modelOf(chosen("ocr_recognition")) },
          }),
        )
      : undefined,
  ]);

  // The caption and the picture (NSFW, and the OCR text already read) go through the safety checks
  // while the caption is related to the image.
  const safetyStartedAt = performance.now();
  const safetyPending = runs("safety")
    ? settle(() =>
        assessSafety({ contentType: "multimodal", prompt: request.text, image, ocr: ocr?.ok ? ocr.value : undefined }).then((value) => ({
          value,
          safetyMs: performance.now() - safetyStartedAt,
        })),
      )
    : undefined;
  const relation = runs("relation") ? await relate(request, { labels, objects, facts: facts!.value, ocr }) : undefined;
  const safety = await safetyPending;

  const ran = (task: ImageTextTask, role: ModelRole, ref: { id: string; version: string; variant: string }, choice?: Settled<ResolvedModel>) => ({
    ...ref,
    task,
    role,
    chosen_by: choice?.ok ? choice.value.chosenBy : ("fixed" as const),
  });
  const models = [
    ...(labels?.ok ? [ran("labels", "classifier", labels.value.model, chosen("classifier"))] : []),
    ...(objects?.ok ? [ran("objects", "detector", objects.value.model, chosen("detector"))] : []),
    ...(ocr?.ok
      ? [
          ran("ocr", "ocr_detection", ocr.value.model.detection, chosen("ocr_detection")),
          ran("ocr", "ocr_recognition", ocr.value.model.recognition, chosen("ocr_recognition")),
          { ...ocr.value.model.direction, task: "ocr" as const, role: "ocr_direction", chosen_by: "fixed" as const },
        ]
      : []),
  ];
  const unavailable = (reason: string) => ({ available: false as const, reason });
  const findings: ImageTextFindings = {
    request_id: input.requestId,
    image: { width: image.width, height: image.height, format: image.format, size_bytes: image.sizeBytes, ...(facts ? factsOut(facts.value) : {}) },
    ...(labels ? { labels: labels.ok ? classificationOut(labels.value) : unavailable(labels.reason) } : {}),
    ...(objects ? { objects: objects.ok ? detectionOut(objects.value) : unavailable(objects.reason) } : {}),
    ...(ocr ? { text_in_image: ocr.ok ? ocrOut(ocr.value) : unavailable(ocr.reason) } : {}),
    ...(relation ? { relation: relation.output } : {}),
    ...(safety
      ? {
          safety: safety.ok
            ? {
                available: true as const,
                safety_score: safety.value.value.safety_score,
                verdict: safety.value.value.verdict,
                categories: safety.value.value.categories,
              }
            : unavailable(safety.reason),
        }
      : {}),
    tasks,
    models,
    timings: {
      decode_ms: ms(image.decodeMs),
      ...(facts ? { image_facts_ms: ms(facts.factsMs) } : {}),
      ...(labels?.ok ? { classify_ms: ms(sum(labels.value.timings)) } : {}),
      ...(objects?.ok ? { detect_ms: ms(sum(objects.value.timings)) } : {}),
      ...(ocr?.ok ? { ocr_ms: ms(ocr.value.timings.totalMs) } : {}),
      ...(relation ? { relate_ms: ms(relation.relateMs) } : {}),
      ...(safety?.ok ? { safety_ms: ms(safety.value.safetyMs) } : {}),
    },
    processing_time_ms: 0,
  };
  const summary = await summarizeFindings(findings, request);
  return { ...findings, ...summary, processing_time_ms: ms(performance.now() - startedAt) };
}

function modelOf(choice: Settled<ResolvedModel>): string | undefined {
  return choice.ok ? choice.value.modelId : undefined;
}

/** OCR needs both its models: the first that cannot be had is the reason it is unavailable. */
function bothOcrModels(detection: Settled<ResolvedModel>, recognition: Settled<ResolvedModel>): Settled<ResolvedModel> {
  return !detection.ok ? detection : recognition;
}

type Evidence = {
  labels: Settled<Awaited<ReturnType<typeof classifyImage>>> | undefined;
  objects: Settled<Awaited<ReturnType<typeof detectObjects>>> | undefined;
  facts: Awaited<ReturnType<typeof computeImageFacts>>;
  ocr: Settled<Awaited<ReturnType<typeof recognizeText>>> | undefined;
};

async function relate(request: ImageTextRequest, { labels, objects, facts, ocr }: Evidence) {
  const english = !request.language || request.language === "en";
  // Every variant of a family shares its labels, so the vocabulary is the base models' (built once at warm-up).
  const vocabulary: Settled<LabelVocabulary> =
    labels?.ok && objects?.ok
      ? await settle(() => getLabelVocabulary(baseModelFor("classifier").id, baseModelFor("detector").id))
      : { ok: false, reason: "the vision models are unavailable" };
  const relation = await relateTextToImage({
    text: request.text,
    vocabulary: vocabulary.ok ? vocabulary.value : undefined,
    classification: labels?.ok ? labels.value : undefined,
    detection: objects?.ok ? objects.value : undefined,
    facts,
    ocrText: ocr?.ok ? ocr.value.fullText : undefined,
    semantic: english
      ? vocabulary.ok
        ? { available: true }
        : { available: false, reason: vocabulary.reason }
      : { available: false, reason: `the sentence encoder (use-lite-en) is English-only; text in "${request.language}" is matched lexically` },
  });
  return {
    relateMs: relation.timings.relateMs,
    output: {
      score: relation.score,
      verdict: relation.verdict,
      explanation: relation.explanation,
      terms: relation.terms.map(({ closestKnown, ...term }) => ({ ...term, ...(closestKnown ? { closest_known: closestKnown } : {}) })),
      method: relation.method,
    },
  };
}
