import { z } from "zod";

/**
 * The recipe of an optimised variant (models/recipes/*.json): which parent, which steps in order,
 * and the agreement with the parent the result must keep. Validated here so a bad recipe fails with
 * the field and the reason (sparsity 1.5, an op type the toolkit cannot quantize...).
 */

export const quantizableOpTypes = ["Conv", "ConvTranspose", "MatMul", "Gemm"] as const;
const opTypes = z.array(z.enum(quantizableOpTypes)).min(1, "name at least one op type");
const nodeNames = z.array(z.string().min(1).max(200)).max(5000).default([]);

const weightOnlyStep = z.strictObject({
  kind: z.literal("weight-only-int8"),
  opTypes: opTypes.default(["Conv", "ConvTranspose", "MatMul", "Gemm"]),
  perChannel: z.boolean().default(true),
  minElements: z.number().int().min(1).default(64),
  form: z.enum(["dequantize-linear", "cast-mul"]).default("cast-mul"),
});

const staticStep = z.strictObject({
  kind: z.literal("static-int8"),
  // ConvTranspose is not in the default: ONNX Runtime 1.30's CPU provider has no int8 ConvTranspose
  // fusion, so a QDQ pair around one only adds work (its weights are still stored as int8).
  opTypes: opTypes.default(["Conv", "MatMul", "Gemm"]),
  strategy: z.enum(["weighted", "all"]).default("all"),
  fp32Head: z.boolean().default(false),
  excludeNodes: nodeNames,
  calibration: z
    .strictObject({
      method: z.enum(["minmax", "percentile"]).default("minmax"),
      percentile: z.number().gt(50, "percentile must be above 50").lte(100).default(99.99),
      maxInputs: z.number().int().min(1).max(1000).default(64),
    })
    .prefault({}),
  /**
   * Accuracy-aware tuning: when the agreement on the validation inputs (not the calibration ones;
   * the name predates the split) is below this, the most damaging activation tensors
   * ("sensitivity") or the earliest layers ("leading-layers") are kept in fp32, as few as needed
   * (found by bisection).
   */
  minCalibrationAgreement: z.number().min(0).max(1).optional(),
  tuning: z.enum(["sensitivity", "leading-layers"]).default("sensitivity"),
  /**
   * Store the weights of layers left in fp32 as int8 too (decompressed at load). Smaller file, but
   * their weight rounding adds to the error, which matters when the fp32 layers are the sensitive ones.
   */
  compressFp32Weights: z.boolean().default(true),
  /** Validation inputs used to rank tensor sensitivity (each tensor costs one run per input). */
  sensitivityInputs: z.number().int().min(1).max(64).default(6),
  /**
   * The saturation guard (lib/optimize/saturation-guard.ts), which makes the variant exact on x86
   * CPUs with and without VNNI: "pairs" (per-channel scales so no same-sign weight pair exceeds 128),
   * "7-bit" (every weight in [-64, 64]), or "off" (8-bit weights; only to reproduce the saturation).
   */
  saturationGuard: z.enum(["pairs", "7-bit", "off"]).default("pairs"),
});

const magnitudeStep = z.strictObject({
  kind: z.literal("magnitude-pruning"),
  sparsity: z.number().min(0, "sparsity must be at least 0").lt(1, "sparsity must be below 1 (1 would remove every weight)"),
  scope: z.enum(["global", "per-layer"]).default("per-layer"),
  opTypes: opTypes.default(["Conv", "MatMul", "Gemm"]),
  minElements: z.number().int().min(1).default(1024),
  skipDepthwise: z.boolean().default(true),
  excludeNodes: nodeNames,
  biasCorrection: z.boolean().default(true),
});

const channelStep = z.strictObject({
  kind: z.literal("channel-pruning"),
  ratio: z.number().gt(0, "ratio must be above 0").lt(1, "ratio must be below 1 (1 would remove every channel)"),
  minChannels: z.number().int().min(1).default(8),
  multipleOf: z.number().int().min(1).max(64).default(8),
  excludeNodes: nodeNames,
  biasCorrection: z.boolean().default(true),
});

export const recipeStepSchema = z.discriminatedUnion("kind", [weightOnlyStep, staticStep, magnitudeStep, channelStep]);
export type RecipeStep = z.infer<typeof recipeStepSchema>;

export const recipeSchema = z
  .strictObject({
    /** The variant's model id (also its file name in the variants folder). */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, "must be lowercase letters, digits, dots and dashes"),
    parent: z.string().min(1).max(100),
    description: z.string().max(2000).default(""),
    steps: z.array(recipeStepSchema).min(1, "a recipe needs at least one step").max(4),
    /** The variant must agree with its parent at least this much on held-out inputs (metric per task). */
    minAgreement: z.number().min(0).max(1),
  })
  .superRefine((recipe, ctx) => {
    const quantized = recipe.steps.findIndex((s) => s.kind.endsWith("int8"));
    if (quantized >= 0 && quantized !== recipe.steps.length - 1) {
      ctx.addIssue({ code: "custom", path: ["steps", quantized], message: "quantization must be the last step (pruning works on fp32 weights)" });
    }
    if (recipe.steps.filter((s) => s.kind.endsWith("int8")).length > 1) {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "at most one quantization step" });
    }
  });
export type Recipe = z.infer<typeof recipeSchema>;

/** A recipe with any int8 step yields a "quantized" variant; pruning-only recipes a "pruned" one. */
export function recipeVariantKind(recipe: Recipe): "quantized" | "pruned" {
  return recipe.steps.some((s) => s.kind.endsWith("int8")) ? "quantized" : "pruned";
}
