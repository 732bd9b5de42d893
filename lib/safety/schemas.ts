import { z } from "zod";
import { attackFamilyNames } from "./signatures/families";
import { piiTypes } from "./pii/detect-pii";

/**
 * Request and response schemas of POST /api/v1/evaluate/safety (exported for OpenAPI and clients).
 * The response passes through its schema too, so nothing internal leaks.
 */

/** Longest prompt accepted, in characters (a long jailbreak is ~5k; beyond this is abuse or a document). */
export const MAX_PROMPT_CHARS = 32_000;

export const contentTypes = ["text", "image", "multimodal"] as const;

export const safetyRequestSchema = z
  .object({
    prompt: z.string({ error: "prompt must be a string" }).max(MAX_PROMPT_CHARS, `prompt is longer than ${MAX_PROMPT_CHARS} characters`).optional(),
    content_type: z.enum(contentTypes, { error: `content_type must be one of ${contentTypes.join(", ")}` }),
  })
  .strict();

export const spanSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const evidenceSchema = spanSchema.extend({
  check: z.enum(["prompt_injection", "pii", "image_text"]),
  category: z.string(),
  signature: z.string().optional(),
  weight: z.number().optional(),
  /** The matched text (shortened; masked for PII). */
  excerpt: z.string(),
  found_in: z.string(),
  detail: z.string().optional(),
  /** Which text the span indexes: the prompt, or the text read from the image. */
  source: z.enum(["prompt", "image_text"]),
});

export const injectionCheckSchema = z.object({
  available: z.literal(true),
  score: z.number().min(0).max(1),
  probability: z.number().min(0).max(1),
  flagged: z.boolean(),
  threshold: z.number(),
  /** How the text was judged: as a prompt, or as document text (read from a page or image: indirect injection). */
  mode: z.enum(["prompt", "document"]),
  layers: z.object({
    signatures: z.object({ score: z.number(), hit_count: z.number().int() }),
    classifier: z.object({ available: z.boolean(), probability: z.number().optional(), reason: z.string().optional() }),
  }),
  /**
   * True when a layer could not be used (named in missing_layers, with the reason under layers): the
   * answer rests on the signatures alone and cannot vouch that a text is safe.
   */
  degraded: z.boolean(),
  missing_layers: z.array(z.enum(["classifier"])),
  families: z.array(z.object({ family: z.enum(attackFamilyNames as [string, ...string[]]), score: z.number() })),
  /**
   * Why a flagged text was flagged: the strongest signature spans, and the spans whose removal lowers
   * the network's logit most (occlusion; logit_drop in logit units). Spans index the checked text.
   */
  explanation: z
    .object({
      signatures: z.array(spanSchema.extend({ signature: z.string(), family: z.string(), weight: z.number(), excerpt: z.string() })),
      network: z.array(spanSchema.extend({ excerpt: z.string(), logit_drop: z.number() })),
    })
    .optional(),
  normalization: z.object({
    changed: z.boolean(),
    normalized_text: z.string(),
    obfuscation: z.record(z.string(), z.number()),
    decoded: z.array(spanSchema.extend({ encoding: z.string(), text: z.string() })),
  }),
});

export const piiCheckSchema = z.object({
  available: z.literal(true),
  score: z.number().min(0).max(1),
  findings: z.array(spanSchema.extend({ type: z.enum(piiTypes), masked: z.string(), check: z.string() })),
});

const unavailableSchema = z.object({ available: z.literal(false), reason: z.string() });

export const nsfwCheckSchema = z.union([
  z.object({
    available: z.literal(true),
    score: z.number().min(0).max(1),
    unsafe_probability: z.number(),
    classes: z.array(z.object({ label: z.string(), probability: z.number() })),
  }),
  unavailableSchema,
]);

export const imageTextCheckSchema = z.union([
  z.object({
    available: z.literal(true),
    score: z.number().min(0).max(1),
    text: z.string(),
    lines: z.array(
      z.object({ text: z.string(), confidence: z.number(), box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }) }),
    ),
    injection: injectionCheckSchema.nullable(),
    pii: piiCheckSchema.nullable(),
  }),
  unavailableSchema,
]);

export const safetyResponseSchema = z.object({
  safety_score: z.number().min(0).max(1),
  /** "degraded": nothing was found, but a check ran without one of its layers (see the checks), so safety is not vouched for. */
  verdict: z.enum(["safe", "unsafe", "degraded"]),
  content_type: z.enum(contentTypes),
  categories: z.array(z.string()),
  checks: z.object({
    prompt_injection: injectionCheckSchema.optional(),
    pii: piiCheckSchema.optional(),
    nsfw: nsfwCheckSchema.optional(),
    image_text: imageTextCheckSchema.optional(),
  }),
  evidence: z.array(evidenceSchema),
  image: z.object({ width: z.number().int(), height: z.number().int(), format: z.string(), size_bytes: z.number().int() }).optional(),
  timings: z.record(z.string(), z.number()),
});
export type SafetyResponse = z.infer<typeof safetyResponseSchema>;
export type InjectionCheck = z.infer<typeof injectionCheckSchema>;
export type PiiCheck = z.infer<typeof piiCheckSchema>;
