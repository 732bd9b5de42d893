import "server-only";
import { getEnv } from "../env";
import { decodeImage, type DecodedImage } from "../inference/image/decode-image";
import type { OcrResult } from "../inference/ocr/recognize-text";
import { runTask } from "./off-loop/safety-pool";
import type { InjectionDetection } from "./detect-injection";
import { readImageText } from "./image/read-image-text";
import { piiReplacements, redactDeep } from "./pii/redact-pii";
import { toInjectionCheck, toPiiCheck } from "./present-checks";
import type { PiiCheck, SafetyResponse } from "./schemas";
import { validateSafetyInput, type SafetyInput } from "./validate-safety-input";
import { round } from "../stats";

/**
 * One safety evaluation: prompt injection and PII on the prompt; NSFW and the text read from the image
 * (through the injection check judged as document text, and PII) on the image. Every check gives a score where 1 is safe;
 * the overall score is the lowest, and at or below 0.5 the verdict is unsafe.
 */

const INJECTION_CATEGORY_MIN_SCORE = 0.3;
const NSFW_UNSAFE = 0.5;

export async function evaluateSafety(input: SafetyInput): Promise<SafetyResponse> {
  const startedAt = performance.now();
  validateSafetyInput(input);
  const env = getEnv();
  const decoded = input.image !== undefined ? await decodeImage(input.image, { maxBytes: env.MAX_BODY_BYTES, maxPixels: env.MAX_IMAGE_PIXELS }) : undefined;
  return assessSafety({ contentType: input.contentType, prompt: input.prompt, image: decoded, startedAt });
}

/**
 * The checks themselves, on an image already decoded (and, when the caller ran OCR anyway, its text),
 * so an analysis that has both does not decode or read the image twice.
 */
export async function assessSafety(input: {
  contentType: SafetyInput["contentType"];
  prompt?: string;
  image?: DecodedImage;
  ocr?: OcrResult;
  startedAt?: number;
}): Promise<SafetyResponse> {
  const startedAt = input.startedAt ?? performance.now();
  const timings: Record<string, number> = {};
  const checks: SafetyResponse["checks"] = {};
  const categories = new Set<string>();
  const evidence: SafetyResponse["evidence"] = [];
  const replacements: [string, string][] = [];

  const injectionCategories = (detection: InjectionDetection, prefix: string) => {
    if (!detection.flagged) return;
    categories.add(prefix);
    for (const f of detection.families) if (f.score >= INJECTION_CATEGORY_MIN_SCORE) categories.add(`${prefix}:${f.family}`);
  };
  const piiCategories = (check: PiiCheck) => check.findings.forEach((f) => categories.add(`pii:${f.type}`));

  // The CPU-bound layers run on worker threads (lib/workers; inline when SAFETY_WORKER_THREADS=0), so the
  // prompt's checks, the NSFW model and OCR proceed at once; results are then read in a fixed order.
  const prompt = input.prompt;
  const promptChecks = prompt !== undefined ? runTask("safety.checkText", { text: prompt, mode: "prompt" }) : undefined;
  const imageChecks = input.image ? Promise.all([runTask("safety.classifyImage", input.image), readImageText(input.image, input.ocr)]) : undefined;
  // Whichever fails first fails the request; the other's rejection must not go unhandled meanwhile.
  imageChecks?.catch(() => {});

  if (promptChecks && prompt !== undefined) {
    const { detection, pii } = await promptChecks;
    checks.prompt_injection = toInjectionCheck(detection);
    checks.pii = toPiiCheck(pii);
    replacements.push(...piiReplacements(prompt, pii.findings));
    injectionCategories(detection, "prompt_injection");
    piiCategories(checks.pii);
    evidence.push(...injectionEvidence(detection, "prompt"), ...piiEvidence(checks.pii, "prompt"));
    Object.assign(timings, {
      normalize_ms: detection.timings.normalizeMs,
      signatures_ms: detection.timings.signaturesMs,
      classifier_ms: detection.timings.classifierMs,
      pii_ms: pii.detectMs,
    });
  }

  let image: SafetyResponse["image"];
  if (input.image !== undefined) {
    const decoded = input.image;
    image = { width: decoded.width, height: decoded.height, format: decoded.format, size_bytes: decoded.sizeBytes };
    timings.decode_ms = decoded.decodeMs;
    const [nsfw, imageText] = await imageChecks!;
    if (nsfw.available) {
      checks.nsfw = {
        available: true,
        score: round(1 - nsfw.unsafeProbability, 4),
        unsafe_probability: round(nsfw.unsafeProbability, 4),
        classes: nsfw.classes.map((c) => ({ label: c.label, probability: round(c.probability, 4) })),
      };
      if (nsfw.unsafeProbability >= NSFW_UNSAFE) categories.add(`nsfw:${nsfw.classes[0]?.label.toLowerCase() ?? "explicit"}`);
      timings.nsfw_ms = nsfw.classifyMs;
    } else checks.nsfw = { available: false, reason: nsfw.reason ?? "NSFW model unavailable" };

    if (!imageText.available) checks.image_text = { available: false, reason: imageText.reason };
    else {
      timings.ocr_ms = imageText.ocrMs;
      const text = imageText.text.trim();
      // Text read from an image is a document the model will read (indirect injection), not a prompt.
      const textChecks = text ? await runTask("safety.checkText", { text, mode: "document" }) : undefined;
      const detection = textChecks?.detection;
      const piiResult = textChecks?.pii;
      const pii = piiResult ? toPiiCheck(piiResult) : null;
      if (piiResult) replacements.push(...piiReplacements(text, piiResult.findings));
      const injection = detection ? toInjectionCheck(detection) : null;
      if (detection) {
        injectionCategories(detection, "image_text_injection");
        evidence.push(...injectionEvidence(detection, "image_text"));
        timings.image_text_injection_ms = detection.timings.normalizeMs + detection.timings.signaturesMs + detection.timings.classifierMs;
      }
      if (pii) {
        piiCategories(pii);
        evidence.push(...piiEvidence(pii, "image_text"));
      }
      checks.image_text = {
        available: true,
        score: Math.min(injection?.score ?? 1, pii?.score ?? 1),
        text: imageText.text,
        lines: imageText.lines.map((l) => ({ ...l, confidence: round(l.confidence, 4) })),
        injection,
        pii,
      };
    }
  }

  const scores = Object.values(checks).flatMap((check) => (check?.available ? [check.score] : []));
  const safetyScore = round(scores.length ? Math.min(...scores) : 1, 4);
  timings.total_ms = performance.now() - startedAt;
  // Personal values found anywhere are masked in everything the response echoes.
  return redactDeep<SafetyResponse>(
    {
      safety_score: safetyScore,
      verdict: safetyScore <= 0.5 ? "unsafe" : "safe",
      content_type: input.contentType,
      categories: [...categories],
      checks,
      evidence,
      ...(image ? { image } : {}),
      timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, round(v, 1)])),
    },
    replacements.sort((a, b) => b[0].length - a[0].length),
  );
}

const MAX_EVIDENCE = 25;

function injectionEvidence(detection: InjectionDetection, source: "prompt" | "image_text"): SafetyResponse["evidence"] {
  return detection.evidence.slice(0, MAX_EVIDENCE).map((hit) => ({
    check: source === "prompt" ? "prompt_injection" : "image_text",
    category: hit.family,
    signature: hit.signature,
    weight: hit.weight,
    start: hit.start,
    end: hit.end,
    excerpt: hit.excerpt,
    found_in: hit.foundIn,
    ...(hit.detail ? { detail: hit.detail } : {}),
    source,
  }));
}

function piiEvidence(check: PiiCheck, source: "prompt" | "image_text"): SafetyResponse["evidence"] {
  return check.findings.map((f) => ({
    check: source === "prompt" ? "pii" : "image_text",
    category: `pii:${f.type}`,
    start: f.start,
    end: f.end,
    excerpt: f.masked,
    found_in: f.check,
    source,
  }));
}
