import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listModels } from "@/app/api/v1/models/route";
import { detectionOut } from "@/lib/analyze/image-text/image-text-output";
import { describeMachine } from "@/lib/inference/measurement/describe-machine";
import { getDb } from "@/lib/db/client";
import { createBenchmarkRun, finishBenchmarkRun, insertBenchmarkResult } from "@/lib/db/queries/benchmarks";
import { getEnv } from "@/lib/env";
import { detectObjects } from "@/lib/inference/detect-objects";
import { decodeImage } from "@/lib/inference/image/decode-image";
import { forgetServingDefaults } from "@/lib/inference/serving/serving-defaults";
import { inferenceCounts, modelsThatRan } from "@/lib/inference/serving/testing/inference-counts";
import { getModelStore } from "@/lib/models/get-model-store";
import { buildEvalInputs } from "@/lib/optimize/inputs/eval-inputs";
import { loadRecipes } from "@/lib/models/parse-recipe";
import { produceVariant } from "@/lib/optimize/produce-variant";
import { registerVariant } from "@/lib/optimize/register-variants";
import { jsonRequest } from "@/test/api-requests";
import { POST } from "./route";

// A requested variant is the one that ran: the lab's pruned YOLOX-Nano, produced here from the
// recipe on a few eval photos, is asked for by kind and by id, and its answer is compared with a
// direct call to that variant and to full precision. Then stored figures make it the serving default.
const evalDir = getEnv().evalDataDir;
const VARIANT = "yolox-nano-pruned-magnitude";
let work: string;
let photo: Buffer;

beforeAll(async () => {
  if (!evalDir) return;
  work = mkdtempSync(path.join(tmpdir(), "ie-variants-"));
  const store = getModelStore();
  const recipe = loadRecipes().find((r) => r.id === VARIANT)!;
  const parent = store.get("yolox-nano")!;
  const inputs = await buildEvalInputs({ entry: parent, inputName: parent.input!.tensor, evalDir, limitPerSplit: 2 });
  const produced = await produceVariant({ recipe, inputs, outputDir: work });
  const { filePath, steps: _steps, produceMs: _produceMs, ...record } = produced;
  registerVariant(store, record, filePath);
  photo = readFileSync(path.join(evalDir, "images", "photos", "coral_pets.jpg"));
}, 300_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const objectsWith = async (variants?: Record<string, string>) => {
  const response = await POST(
    jsonRequest("http://localhost/api/v1/analyze/image-text", { image: photo.toString("base64"), text: "two dogs", tasks: ["objects"], variants }),
  );
  expect(response.status).toBe(200);
  return response.json();
};
const direct = async (modelId: string) => detectionOut(await detectObjects(await decodeImage(photo, { maxBytes: 50e6, maxPixels: 50e6 }), { modelId })).items;

describe.skipIf(!evalDir)("a requested variant is the one that ran", () => {
  it("runs the pruned variant when asked by kind or by id, and only it", async () => {
    const before = await inferenceCounts();
    const byKind = await objectsWith({ detector: "pruned" });
    expect(modelsThatRan(before, await inferenceCounts())).toEqual([VARIANT]);
    expect(byKind.models).toEqual([
      { id: VARIANT, version: expect.stringMatching(/^.+\+[0-9a-f]{12}$/), variant: "pruned", task: "objects", role: "detector", chosen_by: "request" },
    ]);
    expect(byKind.objects.model.id).toBe(VARIANT);
    const byId = await objectsWith({ detector: VARIANT });
    expect(byId.objects.items).toEqual(byKind.objects.items);

    // The answer is the variant's own: equal to a direct call to it, and not the full-precision model's.
    const [pruned, full] = await Promise.all([direct(VARIANT), direct("yolox-nano")]);
    expect(byKind.objects.items).toEqual(pruned);
    expect(pruned.map((o) => o.score)).not.toEqual(full.map((o) => o.score));
    const fullAsked = await objectsWith({ detector: "full_precision" });
    expect(fullAsked.models[0]).toMatchObject({ id: "yolox-nano", variant: "full_precision", chosen_by: "request" });
    expect(fullAsked.objects.items).toEqual(full);
  }, 120_000);

  it("lists the produced variant among what may be asked for", async () => {
    const { serving } = await (await listModels(new Request("http://localhost/api/v1/models"))).json();
    const detector = serving.find((r: { role: string }) => r.role === "detector");
    expect(detector.can_ask_for).toEqual(["full_precision", "pruned", "yolox-nano", VARIANT]);
  });

  it("serves the variant by default once this machine's figures show it faster and within 1 point, and says why", async () => {
    // Stored figures as a benchmark run writes them (the rule itself is tested in choose-serving-default.test.ts).
    const db = await getDb();
    const run = await createBenchmarkRun({ db, trigger: "test", machine: await describeMachine(), config: {} });
    const figures = (p50Ms: number, recall: number) => ({
      performance: {
        sizeBytes: 1,
        input: { source: "coral_pets.jpg", shape: [1, 3, 416, 416], synthetic: false },
        loadMs: 1,
        latency: [{ threads: 1, batchSize: 1, runs: 20, p50Ms, p95Ms: p50Ms, p99Ms: p50Ms, meanMs: p50Ms, cpuMsPerRun: p50Ms }],
        throughput: [],
        rssIncreaseMb: 0,
      },
      accuracy: { available: true, primary: "label_recall", metrics: [{ name: "label_recall", value: recall, higherIsBetter: true, dataset: "test split" }] },
    });
    await insertBenchmarkResult({
      db,
      result: { runId: run.id, modelId: "yolox-nano", family: "yolox-nano", variant: "full_precision", task: "object-detection", ...figures(40, 0.9) },
    });
    await insertBenchmarkResult({
      db,
      result: { runId: run.id, modelId: VARIANT, family: "yolox-nano", variant: "pruned", task: "object-detection", ...figures(30, 0.895) },
    });
    await finishBenchmarkRun({ db, id: run.id, status: "done" });
    forgetServingDefaults();

    const served = await objectsWith();
    expect(served.models[0]).toMatchObject({ id: VARIANT, variant: "pruned", chosen_by: "serving_default" });
    const { serving } = await (await listModels(new Request("http://localhost/api/v1/models"))).json();
    const detector = serving.find((r: { role: string }) => r.role === "detector");
    expect(detector.serving_default).toMatchObject({ model_id: VARIANT, rule: "fastest_within_tolerance", reason: expect.stringContaining("30 ms vs 40 ms") });
    expect(detector.considered).toEqual([expect.objectContaining({ model_id: VARIANT, loss_points: 0.5, eligible: true })]);
    // Asking for full precision still runs full precision.
    expect((await objectsWith({ detector: "full_precision" })).models[0].id).toBe("yolox-nano");
  });
});
