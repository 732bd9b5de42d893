import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { runBenchmark } from "../benchmarks/run-benchmark";
import type { Database } from "../db/client";
import { latestBenchmarkResults } from "../db/queries/benchmarks";
import { upsertModelVariant } from "../db/queries/model-variants";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { log } from "../log";
import { getModelStore } from "../models/get-model-store";
import { loadRecipes, RECIPES_DIR } from "../optimize/parse-recipe";
import { produceVariant, variantsDir } from "../optimize/produce-variant";
import { registerStoredVariants, registerVariant } from "../optimize/register-variants";
import { benchmarkableModels } from "../benchmarks/run-benchmark";
import { describeMachine } from "../benchmarks/describe-machine";
import { runFingerprint } from "../benchmarks/machine-fingerprint";
import { listEvaluationReports } from "../db/queries/evaluation-reports";
import { measureSafetyTestSplit } from "../safety/benchmark/measure-safety-test-split";
import { benignEverydayRelativePath } from "../safety/dataset/read-benign-everyday";
import { SAFETY_BENCHMARK_KIND, safetyBenchmarkSummary, storeSafetyBenchmark } from "../safety/benchmark/safety-benchmark-report";

/**
 * The model lab's start-up work, in the background: register the optimised variants recorded in the
 * database, produce the ones the checked-in recipes describe but this instance lacks (calibrated on
 * the evaluation images), then run a quick benchmark of every variant without a result, so a fresh
 * instance never shows an empty dashboard. Each step reports its phase for the dashboard.
 */

export interface ModelLabState {
  phase: "idle" | "registering" | "producing" | "benchmarking" | "safety" | "done" | "failed";
  /** The recipe being produced now. */
  current?: string;
  produced: string[];
  problems: { id: string; reason: string }[];
  startedAt?: string;
  finishedAt?: string;
}

const globalForLab = globalThis as unknown as { insightModelLab?: ModelLabState };

export function getModelLabState(): ModelLabState {
  return globalForLab.insightModelLab ?? { phase: "idle", produced: [], problems: [] };
}

/** Registers stored variants (always cheap, always done at start-up so their ids can be served). */
export async function registerVariantsAtStart(db: Database): Promise<void> {
  const { registered, skipped } = await registerStoredVariants({ db, store: getModelStore(), dir: variantsDir() });
  if (registered.length || skipped.length) log.info({ registered, skipped }, "optimised variants registered");
}

export async function runModelLab({ db, benchmark }: { db: Database; benchmark: boolean }): Promise<ModelLabState> {
  const state: ModelLabState = { phase: "registering", produced: [], problems: [], startedAt: new Date().toISOString() };
  globalForLab.insightModelLab = state;
  try {
    await registerVariantsAtStart(db);
    // Figures for what exists first (minutes sooner on a fresh instance), then the missing variants.
    if (benchmark) await benchmarkUnmeasured(db, state);
    await produceMissingVariants(db, state);
    if (benchmark && state.produced.length) await benchmarkUnmeasured(db, state);
    if (benchmark) await measureSafetyIfMissing(db, state);
    state.phase = "done";
  } catch (error) {
    state.phase = "failed";
    state.problems.push({ id: "model-lab", reason: (error as Error).message });
    log.error({ err: error }, "model lab failed");
  }
  state.finishedAt = new Date().toISOString();
  return state;
}

function recipesToProduce() {
  const wanted = getEnv().MODEL_LAB_RECIPES;
  if (wanted === "none" || !existsSync(RECIPES_DIR)) return [];
  const recipes = loadRecipes();
  if (wanted === "all") return recipes;
  const ids = new Set(wanted.split(","));
  return recipes.filter((recipe) => ids.has(recipe.id));
}

async function produceMissingVariants(db: Database, state: ModelLabState) {
  const store = getModelStore();
  const missing = recipesToProduce().filter((recipe) => !store.get(recipe.id));
  if (missing.length && !getEnv().evalDataDir) {
    state.problems.push(...missing.map((r) => ({ id: r.id, reason: "needs the evaluation images (EVAL_DATA_DIR) for calibration" })));
    return;
  }
  state.phase = "producing";
  for (const recipe of missing) {
    state.current = recipe.id;
    try {
      const produced = await produceVariant({ recipe });
      if (!produced.agreement.withinTolerance) {
        state.problems.push({ id: recipe.id, reason: `agreement ${produced.agreement.value.toFixed(3)} is below the recipe's ${produced.agreement.tolerance}` });
        continue;
      }
      const { filePath, steps: _steps, produceMs: _ms, ...record } = produced;
      await upsertModelVariant({ db, variant: record });
      registerVariant(store, record, filePath);
      state.produced.push(recipe.id);
      log.info({ variant: recipe.id, sizeBytes: produced.sizeBytes, agreement: produced.agreement.value }, "variant produced");
    } catch (error) {
      state.problems.push({ id: recipe.id, reason: error instanceof ApiError ? error.detail : (error as Error).message });
      log.warn({ variant: recipe.id, err: error }, "variant could not be produced");
    }
  }
  state.current = undefined;
}

async function benchmarkUnmeasured(db: Database, state: ModelLabState) {
  // Figures from another kind of machine (a shared PostgreSQL) do not count as measured here.
  const { fingerprint } = await describeMachine();
  const measured = new Set((await latestBenchmarkResults({ db })).filter((r) => runFingerprint(r.machine) === fingerprint).map((r) => r.modelId));
  const unmeasured = benchmarkableModels().filter((m) => !measured.has(m.id));
  if (unmeasured.length === 0) return;
  state.phase = "benchmarking";
  await runBenchmark({ db, trigger: "startup", preset: "quick", modelIds: unmeasured.map((m) => m.id) }).catch((error) => {
    // Another instance running one is fine: its results serve this dashboard too.
    if (!(error instanceof ApiError && error.code === "conflict")) throw error;
  });
}

/**
 * The safety detector's test-split figures, once per database, so the public dashboard shows them
 * on a fresh instance (a few seconds of CPU for both files' test rows; the held-out-source refits are
 * left to scripts/bench-safety.ts).
 */
async function measureSafetyIfMissing(db: Database, state: ModelLabState) {
  const evalDir = getEnv().evalDataDir;
  // Evaluation data from before benign_everyday.jsonl cannot give the v2 report: leave the dashboard's hint instead.
  if (!evalDir || !existsSync(path.join(evalDir, benignEverydayRelativePath))) return;
  // A report in an older shape (before benign_everyday) does not count: the dashboard cannot show it.
  const existing = await listEvaluationReports({ db, kind: SAFETY_BENCHMARK_KIND, limit: 5 });
  if (existing.some((r) => r.status === "done" && (r.summary as { reportVersion?: number } | null)?.reportVersion === 2)) return;
  state.phase = "safety";
  const startedAtMs = performance.now();
  const measured = await measureSafetyTestSplit(evalDir);
  await storeSafetyBenchmark({ db, summary: safetyBenchmarkSummary({ ...measured, heldOut: [], machine: await describeMachine(), startedAtMs }) });
}
