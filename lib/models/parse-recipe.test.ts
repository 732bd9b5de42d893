import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain-errors";
import { type ApiError, apiErrorFromDomain } from "@/lib/errors";
import { loadRecipes, parseRecipe, RECIPES_DIR } from "./parse-recipe";
import { recipeVariantKind } from "./recipe-schema";

const base = { id: "yolox-nano-test", parent: "yolox-nano", minAgreement: 0.9 };

function problem(input: unknown): ApiError {
  try {
    parseRecipe(input, "test.json");
  } catch (error) {
    if (error instanceof DomainError) return apiErrorFromDomain(error);
    throw error;
  }
  throw new Error("expected parseRecipe to throw");
}

describe("optimisation recipes", () => {
  it("fills defaults for a minimal valid recipe", () => {
    const recipe = parseRecipe({ ...base, steps: [{ kind: "static-int8" }] });
    expect(recipe.steps[0]).toMatchObject({
      kind: "static-int8",
      strategy: "all",
      opTypes: ["Conv", "MatMul", "Gemm"],
      calibration: { method: "minmax", percentile: 99.99, maxInputs: 64 },
      tuning: "sensitivity",
    });
    expect(recipeVariantKind(recipe)).toBe("quantized");
    expect(recipeVariantKind(parseRecipe({ ...base, steps: [{ kind: "channel-pruning", ratio: 0.2 }] }))).toBe("pruned");
  });

  it("rejects sparsity 1.5 with the field and a reason", () => {
    const error = problem({ ...base, steps: [{ kind: "magnitude-pruning", sparsity: 1.5 }] });
    expect(error.code).toBe("invalid_input");
    expect(error.status).toBe(400);
    expect(error.extra.errors).toContainEqual({ field: "steps.0.sparsity", message: "sparsity must be below 1 (1 would remove every weight)" });
    expect(error.detail).toMatch(/^test\.json is not a valid optimisation recipe: steps\.0\.sparsity/);
  });

  it("rejects an op type the toolkit cannot quantize, an unknown step and unknown fields", () => {
    const unknownOp = problem({ ...base, steps: [{ kind: "weight-only-int8", opTypes: ["Conv", "LSTM"] }] });
    expect(unknownOp.extra.errors?.[0].field).toBe("steps.0.opTypes.1");
    expect(unknownOp.extra.errors?.[0].message).toMatch(/Conv.*ConvTranspose.*MatMul.*Gemm/);
    expect(problem({ ...base, steps: [{ kind: "distill" }] }).extra.errors?.[0].field).toBe("steps.0.kind");
    expect(problem({ ...base, steps: [{ kind: "channel-pruning", ratio: 0.2, speed: "fast" }] }).extra.errors?.[0].message).toMatch(/speed/);
  });

  it("rejects empty steps, a bad id, pruning after quantization and two quantization steps", () => {
    expect(problem({ ...base, steps: [] }).extra.errors?.[0]).toEqual({ field: "steps", message: "a recipe needs at least one step" });
    expect(problem({ ...base, id: "Bad Id!", steps: [{ kind: "static-int8" }] }).extra.errors?.[0].field).toBe("id");
    const order = problem({ ...base, steps: [{ kind: "static-int8" }, { kind: "magnitude-pruning", sparsity: 0.2 }] });
    expect(order.extra.errors?.[0].message).toBe("quantization must be the last step (pruning works on fp32 weights)");
    expect(problem({ ...base, steps: [{ kind: "weight-only-int8" }, { kind: "static-int8" }] }).extra.errors?.map((e) => e.message)).toContain(
      "at most one quantization step",
    );
    expect(problem("not an object").extra.errors?.[0].field).toBe("(body)");
  });

  it("loads every checked-in recipe, and refuses a folder with invalid JSON or duplicate ids", () => {
    const recipes = loadRecipes(RECIPES_DIR);
    expect(recipes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(recipes.map((r) => r.parent))).toEqual(new Set(["yolox-nano", "ppocr-v4-det", "ppocr-v4-rec"]));
    const dir = mkdtempSync(path.join(tmpdir(), "ie-recipes-"));
    try {
      writeFileSync(path.join(dir, "a.json"), JSON.stringify({ ...base, steps: [{ kind: "static-int8" }] }));
      writeFileSync(path.join(dir, "b.json"), JSON.stringify({ ...base, steps: [{ kind: "weight-only-int8" }] }));
      expect(() => loadRecipes(dir)).toThrow(/two recipes produce the variant id "yolox-nano-test"/);
      writeFileSync(path.join(dir, "b.json"), "{ not json");
      expect(() => loadRecipes(dir)).toThrow(/b\.json is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
