import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { getModelStore } from "@/lib/models/get-model-store";
import { compareOutputs } from "./agreement/compare-outputs";
import { buildEvalInputs, type InputSplit } from "./inputs/eval-inputs";
import { readModel } from "./model-file";
import { loadRecipes } from "../models/parse-recipe";
import { produceVariant, resolveParent, variantsDir } from "./produce-variant";
import { runModelOutputs } from "./run-model-outputs";

/**
 * The checked-in recipes applied to the real models with real evaluation images. Producing every
 * variant takes minutes (the PP-OCR static recipes rank every activation tensor's sensitivity), so
 * this produces the cheapest real subset — weight-only int8 of all three models, both prunings and
 * the static int8 of YOLOX-Nano — and checks each loads in ORT and stays within its recipe's
 * tolerance. Variants already produced by scripts/optimize-models.ts into the variants folder are
 * checked the same way.
 */

const evalDir = getEnv().evalDataDir;
const recipes = evalDir ? loadRecipes() : [];
const inputsByParent = new Map<string, InputSplit>();
const work = mkdtempSync(path.join(tmpdir(), "ie-variants-eval-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function inputsFor(parentId: string): Promise<InputSplit> {
  let inputs = inputsByParent.get(parentId);
  if (!inputs) {
    const { entry, modelPath } = await resolveParent(getModelStore(), parentId);
    inputs = await buildEvalInputs({ entry, inputName: readModel(modelPath).graph!.input[0].name, evalDir: evalDir! });
    inputsByParent.set(parentId, inputs);
  }
  return inputs;
}

const cheap = [
  "yolox-nano-int8-weights",
  "ppocr-v4-det-int8-weights",
  "ppocr-v4-rec-int8-weights",
  "yolox-nano-pruned-magnitude",
  "yolox-nano-pruned-channels",
];

describe.skipIf(!evalDir)("optimised variants of the real models (eval data)", () => {
  it.each(cheap)("produces %s, which loads and agrees with its parent within tolerance", async (id) => {
    const recipe = recipes.find((r) => r.id === id)!;
    const produced = await produceVariant({ recipe, inputs: await inputsFor(recipe.parent), outputDir: work });
    expect(existsSync(produced.filePath)).toBe(true);
    expect(produced.agreement.inputs).toBeGreaterThanOrEqual(5);
    expect(produced.agreement.value).toBeGreaterThanOrEqual(recipe.minAgreement);
    const parentBytes = (await resolveParent(getModelStore(), recipe.parent)).entry.files.find((f) => f.role === "model")!.bytes;
    if (produced.variant === "quantized") expect(produced.sizeBytes).toBeLessThan(parentBytes / 3.5);
  });

  it("produces YOLOX-Nano static int8 that is 3x smaller, mostly int8, and within tolerance", async () => {
    const recipe = recipes.find((r) => r.id === "yolox-nano-int8-static")!;
    const produced = await produceVariant({ recipe, inputs: await inputsFor("yolox-nano"), outputDir: work });
    const report = produced.steps.find((s) => s.kind === "static-int8") as unknown as { byOpType: Record<string, number> };
    expect(report.byOpType.Conv).toBeGreaterThan(113 * 0.8);
    expect(produced.agreement.value).toBeGreaterThanOrEqual(recipe.minAgreement);
    expect(produced.sizeBytes).toBeLessThan(3_660_092 / 3);
  }, 120_000);

  const stored = recipes.filter((r) => existsSync(path.join(variantsDir(), `${r.id}.onnx`)));
  it.skipIf(stored.length === 0)(
    "every variant already in the variants folder loads and stays within its tolerance",
    async () => {
      for (const recipe of stored) {
        const { entry, modelPath } = await resolveParent(getModelStore(), recipe.parent);
        const { test } = await inputsFor(recipe.parent);
        const parent = await runModelOutputs(modelPath, test);
        const variant = await runModelOutputs(path.join(variantsDir(), `${recipe.id}.onnx`), test);
        expect({ id: recipe.id, ok: compareOutputs(entry, parent, variant).value >= recipe.minAgreement }).toEqual({ id: recipe.id, ok: true });
      }
    },
    180_000,
  );
});
