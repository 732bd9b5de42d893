import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { queueBenchmarkRun } from "../benchmarks/benchmark-job";
import { describeMachine } from "../inference/measurement/describe-machine";
import { runFingerprint } from "../inference/measurement/machine-fingerprint";
import { benchmarkableModels } from "../benchmarks/run-benchmark";
import { getDatabase, type Database } from "../db/client";
import { latestBenchmarkResults } from "../db/queries/benchmarks";
import { listEvaluationReports } from "../db/queries/evaluation-reports";
import { activeInstanceJobs, latestJobWithParam } from "../db/queries/jobs";
import type { JobRow } from "../db/schema";
import { getEnv } from "../env";
import { ConflictError, FeatureUnavailableError, NotFoundError } from "../domain-errors";
import { enqueueTrackedJobNow, runTrackedJob, type TrackedKindRunner } from "../jobs/tracked-job";
import { log } from "../log";
import { getModelStore } from "../models/get-model-store";
import { loadRecipes, RECIPES_DIR } from "../models/parse-recipe";
import { produceVariant, variantsDir } from "../optimize/produce-variant";
import { registerStoredVariants } from "../optimize/register-variants";
import { storeProducedVariant } from "../optimize/store-produced-variant";
import { measureSafetyTestSplit } from "../safety/benchmark/measure-safety-test-split";
import { SAFETY_BENCHMARK_KIND, safetyBenchmarkSummary, storeSafetyBenchmark } from "../safety/benchmark/safety-benchmark-report";
import { benignEverydayRelativePath } from "../safety/dataset/read-benign-everyday";

/**
 * The model lab, as jobs of the one queue. A fresh instance serves at once; after start-up it
 * queues (as the instance's own jobs, one at a time on the whole cluster): a quick benchmark of the
 * models this machine has no figures for, the production of each missing variant of
 * MODEL_LAB_RECIPES (a quick default set; an admin queues the rest with
 * `POST /api/v1/models/variants`), each followed by its own benchmark, and the safety benchmark
 * when none is stored. The dashboard shows these jobs as they go.
 */

/**
 * What a fresh instance produces by itself: the YOLOX recipes take seconds on 2 cores; the int8 OCR
 * pair takes minutes (calibration and sensitivity tuning on receipt lines), but OCR is the costliest
 * request, and its benchmark then decides whether int8 serves on this CPU (within half a point of
 * CER, choose-serving-default.ts). Jobs run one at a time after start-up; fp32 answers meanwhile.
 */
export const QUICK_RECIPES = ["yolox-nano-int8-static", "yolox-nano-pruned-magnitude", "ppocr-v4-det-int8-static", "ppocr-v4-rec-int8-static"];

/** Registers stored variants (from the database if this instance lacks their files), so their ids can be served. */
export async function registerVariantsAtStart(db: Database): Promise<void> {
  const { registered, skipped } = await registerStoredVariants({ db, store: getModelStore(), dir: variantsDir() });
  if (registered.length || skipped.length) log.info({ registered, skipped }, "optimised variants registered");
}

function recipesToProduce(wanted = getEnv().MODEL_LAB_RECIPES) {
  if (wanted === "none" || !existsSync(RECIPES_DIR)) return [];
  const recipes = loadRecipes();
  if (wanted === "all") return recipes;
  const ids = new Set(wanted === "quick" ? QUICK_RECIPES : wanted.split(","));
  return recipes.filter((recipe) => ids.has(recipe.id));
}

/** After start-up: what this instance has is registered; what it lacks is queued. */
export async function startModelLab(db: Database): Promise<void> {
  await registerVariantsAtStart(db);
  if (!getEnv().BENCHMARK_ON_START) return;
  await queueUnmeasuredBenchmark(db);
  for (const recipe of recipesToProduce()) await queueVariant(recipe.id, { skipIfFailedBefore: true });
  await queueSafetyBenchmarkIfMissing(db);
}

async function queueUnmeasuredBenchmark(db: Database): Promise<void> {
  // Figures from another kind of machine (a shared PostgreSQL) do not count as measured here.
  const { fingerprint } = await describeMachine();
  const measured = new Set((await latestBenchmarkResults({ db })).filter((r) => runFingerprint(r.machine) === fingerprint).map((r) => r.modelId));
  const unmeasured = benchmarkableModels().filter((m) => !measured.has(m.id));
  if (unmeasured.length === 0) return;
  await queueBenchmarkRun({ ownerId: null, params: { trigger: "startup", preset: "quick", models: unmeasured.map((m) => m.id) } }).catch(ignoreConflict);
}

const ignoreConflict = (error: unknown) => {
  if (!(error instanceof ConflictError)) throw error;
};

/**
 * Queues a variant's production unless it is served already or queued; at start-up also unless
 * its last production failed (say, below its agreement tolerance: trying again gives the same).
 */
export async function queueVariant(
  recipeId: string,
  { ownerId = null, skipIfFailedBefore = false }: { ownerId?: string | null; skipIfFailedBefore?: boolean } = {},
): Promise<JobRow | undefined> {
  const recipe = loadRecipes().find((r) => r.id === recipeId);
  if (!recipe) throw new NotFoundError(`No recipe "${recipeId.slice(0, 80)}" in models/recipes.`);
  if (getModelStore().get(recipe.id)) return undefined;
  if (!getEnv().evalDataDir) throw new FeatureUnavailableError(`Producing ${recipe.id} needs the evaluation images (EVAL_DATA_DIR) to calibrate on.`);
  const { db } = await getDatabase();
  const active = await activeInstanceJobs({ db, kinds: ["variant"] });
  if (active.some((job) => (job.params as { recipe?: string }).recipe === recipe.id)) return undefined;
  if (skipIfFailedBefore) {
    const last = await latestJobWithParam({ db, kind: "variant", param: "recipe", value: recipe.id });
    if (last?.status === "failed") return undefined;
  }
  return enqueueTrackedJobNow({ kind: "variant", ownerId, title: `Produce ${recipe.id}`, params: { recipe: recipe.id } });
}

const runVariantJob = (jobId: string) =>
  runTrackedJob(jobId, async ({ job, progress }) => {
    const { db } = await getDatabase();
    const recipe = loadRecipes().find((r) => r.id === (job.params as { recipe: string }).recipe);
    if (!recipe) throw new Error(`recipe ${(job.params as { recipe: string }).recipe} is gone from models/recipes`);
    const produced = await produceVariant({ recipe });
    if (!produced.agreement.withinTolerance) {
      throw new Error(`agreement ${produced.agreement.value.toFixed(3)} is below the recipe's ${produced.agreement.tolerance}; the variant is not kept`);
    }
    await storeProducedVariant({ db, produced, store: getModelStore() });
    await progress({ total: 1, done: 1, failed: 0 });
    log.info({ variant: recipe.id, sizeBytes: produced.sizeBytes, agreement: produced.agreement.value }, "variant produced");
    await queueBenchmarkRun({ ownerId: null, params: { trigger: "variant", preset: "quick", models: [recipe.id] } }).catch(ignoreConflict);
    return { variant: recipe.id, size_bytes: produced.sizeBytes, agreement: produced.agreement.value };
  });

/**
 * The safety detector's test-split figures, once per database, so the public dashboard shows them
 * on a fresh instance (a few seconds of CPU for both files' test rows; the held-out-source refits are
 * left to scripts/bench-safety.ts).
 */
async function queueSafetyBenchmarkIfMissing(db: Database): Promise<void> {
  const evalDir = getEnv().evalDataDir;
  // Evaluation data from before benign_everyday.jsonl cannot give the v2 report: leave the dashboard's hint instead.
  if (!evalDir || !existsSync(path.join(evalDir, benignEverydayRelativePath))) return;
  // A report in an older shape (before benign_everyday) does not count: the dashboard cannot show it.
  const existing = await listEvaluationReports({ db, kind: SAFETY_BENCHMARK_KIND, limit: 5 });
  if (existing.some((r) => r.status === "done" && (r.summary as { reportVersion?: number } | null)?.reportVersion === 2)) return;
  if ((await activeInstanceJobs({ db, kinds: ["safety-benchmark"] })).length) return;
  await enqueueTrackedJobNow({ kind: "safety-benchmark", ownerId: null, title: "Safety benchmark (test splits)", params: {} });
}

const runSafetyBenchmarkJob = (jobId: string) =>
  runTrackedJob(jobId, async () => {
    const { db } = await getDatabase();
    const evalDir = getEnv().evalDataDir;
    if (!evalDir) throw new Error("the evaluation data (EVAL_DATA_DIR) is not on this instance");
    const startedAtMs = performance.now();
    const measured = await measureSafetyTestSplit(evalDir);
    await storeSafetyBenchmark({ db, summary: safetyBenchmarkSummary({ ...measured, heldOut: [], machine: await describeMachine(), startedAtMs }) });
  });

/** The model lab's kinds' runners, handed to the tracked jobs at start (job-runners.ts). */
export const variantJobRunner: TrackedKindRunner = { run: runVariantJob };
export const safetyBenchmarkJobRunner: TrackedKindRunner = { run: runSafetyBenchmarkJob };

/** For `npm run bench:models -- --produce`: produce the missing variants of MODEL_LAB_RECIPES here and now. */
export async function produceMissingVariantsNow(db: Database): Promise<{ produced: string[]; problems: { id: string; reason: string }[] }> {
  const store = getModelStore();
  const produced: string[] = [];
  const problems: { id: string; reason: string }[] = [];
  for (const recipe of recipesToProduce().filter((r) => !store.get(r.id))) {
    try {
      const variant = await produceVariant({ recipe });
      if (!variant.agreement.withinTolerance) {
        problems.push({ id: recipe.id, reason: `agreement ${variant.agreement.value.toFixed(3)} is below ${variant.agreement.tolerance}` });
        continue;
      }
      await storeProducedVariant({ db, produced: variant, store });
      produced.push(recipe.id);
    } catch (error) {
      problems.push({ id: recipe.id, reason: (error as Error).message });
    }
  }
  return { produced, problems };
}
