/**
 * For each parent model with optimised variants (models/recipes, files in <MODEL_CACHE_DIR>/variants)
 * and for the vendor-quantized MobileNetV2 reference: file size, median/p95 `session.run` latency at
 * batch 1 with 1 and 2 intra-op threads (warm-up, then interleaved runs), CPU time per run, and
 * agreement with the parent on held-out evaluation images. Prints a markdown table.
 *
 *   npx tsx --conditions=react-server scripts/bench-variants.ts [--runs 30] [--only family,family] [--recipes dir]
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getModelStore } from "@/lib/models/get-model-store";
import { buildEvalInputs } from "@/lib/optimize/inputs/eval-inputs";
import { measureVariants, type MeasuredModel } from "@/lib/optimize/measure-variants";
import { readModel, writeModel } from "@/lib/optimize/model-file";
import { prepareGraph } from "@/lib/optimize/prepare-graph";
import { loadRecipes, RECIPES_DIR } from "@/lib/models/parse-recipe";
import { resolveParent, variantsDir } from "@/lib/optimize/produce-variant";
import { recipeVariantKind, type Recipe } from "@/lib/models/recipe-schema";
import { requireEvalDir } from "./require-eval-dir";
import { MISSING } from "../lib/format";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option("--runs") ?? 30);
const only = option("--only")?.split(",");
const evalDir = requireEvalDir();

const recipes = loadRecipes(option("--recipes") ?? RECIPES_DIR);
const parents = [...new Set(recipes.map((r) => r.parent)), "mobilenetv2-int8"].filter((p) => !only || only.includes(p));
const store = getModelStore();
const table: string[] = [];
const notes: string[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), "bench-variants-"));
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

for (const parentId of parents) {
  const parent = await resolveParent(store, parentId);
  const variants = recipes
    .filter((r) => r.parent === parentId)
    .map((r) => ({ id: r.id, kind: recipeVariantKind(r) as string, path: path.join(variantsDir(), `${r.id}.onnx`), recipe: r as Recipe | undefined }))
    .filter((v) => existsSync(v.path) || (notes.push(`${v.id}: not produced yet (run scripts/optimize-models.ts)`), false));
  // The parent after the toolkit's exact graph rewrites (folding, fusion), still fp32: shows how much
  // of a variant's speed-up comes from the rewrites rather than from int8 or pruning.
  if (parent.entry.variant === "full_precision") {
    const prepared = readModel(parent.modelPath);
    prepareGraph(prepared);
    const file = writeModel(prepared, path.join(scratch, `${parentId}-graph-optimised.onnx`)).path;
    variants.unshift({ id: `${parentId} (graph-optimised)`, kind: "full_precision", path: file, recipe: undefined });
  }
  const inputs = await buildEvalInputs({ entry: parent.entry, inputName: readModel(parent.modelPath).graph!.input[0].name, evalDir });
  const started = performance.now();
  const measured = await measureVariants({ parent: { entry: parent.entry, path: parent.modelPath }, variants, evaluation: inputs.test, threads: [1, 2], runs });
  const dims = inputs.test[0].feeds[Object.keys(inputs.test[0].feeds)[0]].dims.join("x");
  console.error(`${parentId}: measured ${measured.length} models on input ${dims} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const base = measured[0];
  for (const m of measured)
    table.push(
      row(
        m,
        base,
        dims,
        variants
          .find((v) => v.id === m.id)
          ?.recipe?.steps.map((s) => s.kind)
          .join("+"),
      ),
    );
}

function row(m: MeasuredModel, base: MeasuredModel, dims: string, steps?: string): string {
  const [one, two] = m.latency;
  const speedup = (i: number) => (m === base ? "1.00x" : `${(base.latency[i].medianMs / m.latency[i].medianMs).toFixed(2)}x`);
  const secondary = m.agreement?.secondary ? `; ${m.agreement.secondary.metric} ${m.agreement.secondary.value.toFixed(3)}` : "";
  const agreement = m.agreement
    ? `${m.agreement.metric} ${m.agreement.value.toFixed(3)}${secondary} (n=${m.agreement.inputs})`
    : m === base && base.kind === "full_precision"
      ? "parent"
      : MISSING;
  return `| ${m.id} | ${m.kind}${steps ? ` (${steps})` : ""} | ${dims} | ${(m.sizeBytes / 1e6).toFixed(2)} MB (${(base.sizeBytes / m.sizeBytes).toFixed(2)}x smaller) | ${fmt(one.medianMs)} / ${fmt(one.p95Ms)} | ${speedup(0)} | ${fmt(one.cpuMsPerRun)} | ${fmt(two.medianMs)} / ${fmt(two.p95Ms)} | ${speedup(1)} | ${agreement} |`;
}

console.log(
  [
    `Runs per setting: ${runs} after warm-up, interleaved across models; batch 1; ${new Date().toISOString()}.`,
    "",
    "| model | kind | input | size | 1 thread p50 / p95 ms | speed-up | CPU ms/run | 2 threads p50 / p95 ms | speed-up | agreement with parent (held-out) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...table,
    "",
    "Magnitude-pruned variants keep dense tensors: ONNX Runtime has no sparse CPU kernels, so unstructured sparsity does not make them faster or smaller on disk. Channel pruning removes whole channels, which does.",
    ...notes.map((n) => `- ${n}`),
  ].join("\n"),
);
