import { z } from "zod";
import { formBoolean } from "../form-boolean";
import { tasksSchema, variantsSchema } from "../../inference/serving/request-schema";
import { IMAGE_TEXT_IMPLICATIONS, imageTextTasks } from "./image-text-tasks";

import { CONFIDENCE_DESCRIPTION, languageName, TEMPLATE_LANGUAGES } from "./analysis-language";

/** Request and response of POST /api/v1/analyze/image-text (these schemas also feed the OpenAPI document). */

export const MAX_TEXT_CHARS = 5_000;

// C0/C1 control characters other than tab and newlines carry no meaning in a caption; they are removed.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export const imageTextRequestSchema = z.object({
  text: z
    .string({ error: "text is required: the caption or claim to check against the image" })
    .transform((t) => t.replace(controlCharacters, "").trim())
    .pipe(
      z
        .string()
        .min(1, "text is empty (after removing control characters and surrounding spaces)")
        .max(MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`),
    ),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, "language must be an ISO 639-1 code such as en or de")
    .refine((code) => languageName(code) !== undefined, "language is not a known ISO 639-1 code")
    .optional()
    .describe(
      `The language of the caption (English captions are also matched by meaning; others lexically) and of the \`analysis\` paragraph, which has templates in ${TEMPLATE_LANGUAGES.join(", ")}; for another language the paragraph is in English and \`analysis_details.note\` says so.`,
    ),
  analysis_writer: z
    .enum(["template", "language_model"])
    .default("template")
    .describe(
      "Who writes `analysis`: the fixed template (default), or the language model configured for the assistant (ASSISTANT_BASE_URL), given the same findings. Without one, or when it fails, the template writes it and `analysis_details.note` says why.",
    ),
  top_k: z.coerce.number().int().min(1).max(20).default(5),
  detection_threshold: z.coerce.number().min(0.05).max(0.95).optional(),
  /** Keep the uploaded image with this analysis in the caller's history (default: only the answer is kept). */
  keep_image: formBoolean.default(false),
  tasks: tasksSchema(imageTextTasks, IMAGE_TEXT_IMPLICATIONS),
  variants: variantsSchema(
    ["classifier", "detector", "ocr_detection", "ocr_recognition"],
    "classifier for labels, detector for objects, ocr_detection and ocr_recognition for ocr",
  ),
});
export type ImageTextRequest = z.infer<typeof imageTextRequestSchema>;

const unavailable = z.object({ available: z.literal(false), reason: z.string() });
const modelRef = z.object({ id: z.string(), version: z.string(), variant: z.string() });
const ranModel = modelRef.extend({
  task: z.enum(imageTextTasks).describe("The task this model ran for"),
  role: z.string().describe("classifier, detector, ocr_detection, ocr_recognition or ocr_direction"),
  chosen_by: z.enum(["request", "serving_default", "fixed"]).describe("Named in `variants`, the role's serving default, or the only model of its role"),
});
const stageTimings = z.object({ preprocess_ms: z.number(), run_ms: z.number(), postprocess_ms: z.number() });
const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** What the models found: every section of the answer except the seed-contract summary fields. */
export const imageTextFindingsSchema = z.object({
  request_id: z.string(),
  image: z
    .object({
      width: z.number(),
      height: z.number(),
      format: z.string(),
      size_bytes: z.number(),
    })
    .extend(
      z
        .object({
          megapixels: z.number(),
          aspect_ratio: z.number(),
          orientation: z.enum(["landscape", "portrait", "square"]),
          has_alpha: z.boolean(),
          exif_orientation: z.number(),
          dominant_colours: z.array(z.object({ hex: z.string(), name: z.string(), fraction: z.number() })),
          brightness: z.number(),
          contrast: z.number(),
          sharpness: z.number(),
          is_blurry: z.boolean(),
          is_dark: z.boolean(),
          is_grayscale: z.boolean(),
        })
        .partial().shape,
    )
    .describe("Size and format always; the other facts (colours, brightness, sharpness…) when the `facts` task ran"),
  labels: z
    .union([
      z.object({
        available: z.literal(true),
        model: modelRef,
        top: z.array(z.object({ label: z.string(), class_index: z.number(), probability: z.number() })),
        timings: stageTimings,
      }),
      unavailable,
    ])
    .optional()
    .describe("With the labels task"),
  objects: z
    .union([
      z.object({
        available: z.literal(true),
        model: modelRef,
        items: z.array(z.object({ label: z.string(), class_index: z.number(), score: z.number(), box })),
        timings: stageTimings,
      }),
      unavailable,
    ])
    .optional()
    .describe("With the objects task"),
  text_in_image: z
    .union([
      z.object({
        available: z.literal(true),
        full_text: z.string(),
        lines: z.array(z.object({ text: z.string(), confidence: z.number(), box })),
        models: z.array(z.string()),
        timings: z.record(z.string(), z.number()),
      }),
      unavailable,
    ])
    .optional()
    .describe("With the ocr task"),
  relation: z
    .object({
      score: z.number().nullable(),
      verdict: z.enum(["supported", "partially_supported", "not_supported", "nothing_to_check"]),
      explanation: z.string(),
      terms: z.array(
        z.object({
          term: z.string(),
          surface: z.string(),
          start: z.number(),
          end: z.number(),
          status: z.enum(["supported", "not_seen", "not_checkable"]),
          method: z.enum(["lexical", "semantic", "none"]),
          support: z.number(),
          evidence: z
            .object({
              source: z.enum(["classification", "detection", "ocr", "colour", "facts"]),
              text: z.string(),
              confidence: z.number(),
              similarity: z.number().optional(),
              count: z.number().optional(),
            })
            .optional(),
          closest_known: z.string().optional(),
          note: z.string().optional(),
        }),
      ),
      method: z.object({
        lexical: z.literal(true),
        semantic: z.object({ available: z.boolean(), model: z.string().optional(), reason: z.string().optional() }),
        image_text_model: unavailable,
      }),
    })
    .optional()
    .describe("With the relation task"),
  safety: z
    .union([
      z.object({ available: z.literal(true), safety_score: z.number(), verdict: z.enum(["safe", "unsafe", "degraded"]), categories: z.array(z.string()) }),
      unavailable,
    ])
    .optional()
    .describe("With the safety task"),
  tasks: z.array(z.enum(imageTextTasks)).describe("The tasks that ran: those asked for and those they need"),
  models: z.array(ranModel).describe("Every model that ran, per task, with the exact id and variant"),
  timings: z.record(z.string(), z.number()),
  processing_time_ms: z.number(),
});
export type ImageTextFindings = z.infer<typeof imageTextFindingsSchema>;

export const imageTextResponseSchema = imageTextFindingsSchema.extend({
  analysis: z
    .string()
    .describe(
      "A plain-language paragraph built from the findings above (labels, objects with counts and confidence, text read, whether the caption is supported and why, safety). `analysis_details.written_by` says who wrote it.",
    ),
  analysis_details: z.object({
    written_by: z
      .enum(["template", "language_model"])
      .describe(
        "`template`: composed from the model outputs by a fixed template, not by a language model; `language_model`: written by the named model from the same findings",
      ),
    model: z.string().optional().describe("The language model that wrote it, when one did"),
    language: z.string().describe("The language the paragraph is written in"),
    note: z.string().optional().describe("Why the paragraph is not in the language asked for, or not by the writer asked for"),
  }),
  confidence: z.number().min(0).max(1).nullable().describe(CONFIDENCE_DESCRIPTION),
  safety_score: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("The safety section's overall score (1 = safe; the lowest of its checks' scores), or null when the safety task did not run or could not."),
});
export type ImageTextResponse = z.infer<typeof imageTextResponseSchema>;
