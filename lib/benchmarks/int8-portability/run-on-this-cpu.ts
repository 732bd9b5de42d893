/**
 * Runs int8 models on the CPU this process finds itself on and saves their raw outputs. Started by
 * run-on-cpus.ts twice: natively, and under `qemu-x86_64 -cpu Haswell` (an AVX2 CPU without VNNI):
 *
 *   node --conditions=react-server --import tsx lib/benchmarks/int8-portability/run-on-this-cpu.ts <job.json> <out-dir>
 *
 * Every model runs through the serving path (the model store, the session pool with the session
 * options and int8 remedy this process chooses, runSession), on the input tensors the parent saved.
 * Lab variants are registered from their files the way the model lab registers them. Prints nothing
 * but errors; writes `<out-dir>/result.json` and one raw float32 file per output (and
 * `partial.json` after each model).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { getInt8Remedy } from "@/lib/inference/choose-int8-remedy";
import { loadModel, releaseAllSessions, runSession } from "@/lib/inference/session-pool";
import { needsPrecisionOption } from "@/lib/inference/session-options";
import { getModelStore } from "@/lib/models/get-model-store";
import { loadRecipes } from "@/lib/models/parse-recipe";
import { registerVariant } from "@/lib/optimize/register-variants";
import { loadTensor, saveTensor } from "./saved-tensors";
import type { CpuRunResult, PortabilityJob } from "./portability-job";

const [jobFile, outDir] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, "utf8")) as PortabilityJob;
mkdirSync(outDir, { recursive: true });

const store = getModelStore();
const recipes = loadRecipes();
for (const model of job.models) {
  if (!model.variantFile) continue;
  const recipe = recipes.find((r) => r.id === model.id);
  if (!recipe) throw new Error(`no recipe for variant ${model.id}`);
  const bytes = readFileSync(model.variantFile);
  registerVariant(
    store,
    {
      id: recipe.id,
      parentId: recipe.parent,
      variant: "quantized",
      recipe,
      fileName: path.basename(model.variantFile),
      sizeBytes: statSync(model.variantFile).size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    },
    model.variantFile,
  );
}

const remedy = await getInt8Remedy();
const result: CpuRunResult = {
  remedy: {
    mode: remedy.mode,
    precisionOption: remedy.precisionOption,
    saturates: remedy.probe && "saturates" in remedy.probe ? remedy.probe.saturates : null,
  },
  models: [],
};
for (const model of job.models) {
  const loaded = await loadModel(model.id);
  const file = (await store.resolve(model.id)) as { available: true; files: { role: string; path: string }[] };
  const inputName = loaded.session.inputNames[0];
  const outputName = loaded.session.outputNames[0];
  const outputs = [];
  const startedAt = performance.now();
  for (const [i, input] of model.inputs.entries()) {
    const tensor = new ort.Tensor("float32", loadTensor(job.inputDir, input), input.dims);
    const output = (await runSession(loaded, { [inputName]: tensor })).outputs[outputName] as ort.Tensor;
    outputs.push(saveTensor(outDir, `${model.id}-${i}.f32`, output.data as Float32Array, output.dims));
  }
  result.models.push({
    id: model.id,
    precisionOption: needsPrecisionOption(remedy, file.files.find((f) => f.role === "model")!.path),
    outputs,
    runSeconds: (performance.now() - startedAt) / 1000,
  });
  // Written after every model (aside, then renamed), so a run stopped midway still shows what it finished.
  writeFileSync(path.join(outDir, "result.partial.json"), JSON.stringify(result));
  renameSync(path.join(outDir, "result.partial.json"), path.join(outDir, "partial.json"));
}
await releaseAllSessions();
writeFileSync(path.join(outDir, "result.json"), JSON.stringify(result));
