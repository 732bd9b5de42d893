/**
 * Produces every optimised variant from the recipes in models/recipes (or a folder given with
 * --recipes), writes them to <MODEL_CACHE_DIR>/variants, checks each against its parent on held-out
 * evaluation images and records it in the database (model_variants) unless --no-db.
 *
 *   npx tsx --conditions=react-server scripts/optimize-models.ts [--only id,id] [--recipes dir] [--no-db]
 */
import { getDatabase } from "@/lib/db/client";
import { storeProducedVariant } from "@/lib/optimize/store-produced-variant";
import { getModelStore } from "@/lib/models/get-model-store";
import { buildEvalInputs, type InputSplit } from "@/lib/optimize/inputs/eval-inputs";
import { readModel } from "@/lib/optimize/model-file";
import { loadRecipes, RECIPES_DIR } from "@/lib/models/parse-recipe";
import { produceVariant, resolveParent } from "@/lib/optimize/produce-variant";
import { requireEvalDir } from "./require-eval-dir";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option("--only")?.split(",");
const recipes = loadRecipes(option("--recipes") ?? RECIPES_DIR).filter((r) => !only || only.includes(r.id));
if (recipes.length === 0) throw new Error(`no recipe matches ${only?.join(",")}`);
// Variants are calibrated and checked on real images.
const evalDir = requireEvalDir();

const store = getModelStore();
const inputsByParent = new Map<string, InputSplit>();
const rows: string[] = [];
let failures = 0;
for (const recipe of recipes) {
  let inputs = inputsByParent.get(recipe.parent);
  if (!inputs) {
    const { entry, modelPath } = await resolveParent(store, recipe.parent);
    inputs = await buildEvalInputs({ entry, inputName: readModel(modelPath).graph!.input[0].name, evalDir });
    inputsByParent.set(recipe.parent, inputs);
    console.log(`${recipe.parent}: ${inputs.calibration.length} calibration, ${inputs.validation.length} validation and ${inputs.test.length} test inputs`);
  }
  const produced = await produceVariant({ recipe, inputs });
  const { agreement } = produced;
  if (!agreement.withinTolerance) failures++;
  const line = `| ${produced.id} | ${produced.variant} | ${(produced.sizeBytes / 1e6).toFixed(2)} MB | ${agreement.metric} ${agreement.value.toFixed(3)} (min ${agreement.tolerance}) | ${agreement.withinTolerance ? "ok" : "BELOW"} | ${(produced.produceMs / 1000).toFixed(1)} s |`;
  console.log(line, JSON.stringify(produced.steps.slice(1)).slice(0, 400));
  rows.push(line);
  if (!args.includes("--no-db")) {
    const { db } = await getDatabase();
    await storeProducedVariant({ db, produced });
  }
}
console.log(["", "| variant | kind | size | agreement with parent (test split) | tolerance | time |", "|---|---|---|---|---|---|", ...rows].join("\n"));
if (!args.includes("--no-db")) await (await getDatabase()).close();
process.exitCode = failures ? 1 : 0;
