import "server-only";
import { describeMachine } from "../measurement/describe-machine";
import { runFingerprint } from "../measurement/machine-fingerprint";
import { accuracySchema, performanceSchema } from "../measurement/result-schema";
import { getDb } from "../../db/client";
import { latestBenchmarkResults, type ResultWithMachine } from "../../db/queries/benchmarks";
import { ModelUnavailableError } from "../../domain-errors";
import { log } from "../../log";
import { getModelStore } from "../../models/get-model-store";
import type { ModelEntry } from "../../models/manifest-schema";
import { processSingletonSync } from "../../process-singletons";
import { getInferenceBackend } from "../inference-backend";
import { TtlCache } from "../../ttl-cache";
import { chooseServingDefault, type MemberFigures, type ServingDefault } from "./choose-serving-default";
import { fixedBaseModels, modelRoles, roleTasks, type ModelRole } from "./model-roles";

/**
 * The serving default of every model role, chosen by `chooseServingDefault` from the newest
 * benchmark figures measured on this machine (int8 speed depends on the CPU, so figures from another
 * machine never decide here). The figures are read from the database at most every
 * SERVING_DEFAULTS_TTL_MS, and again at once after a benchmark run finishes in this process; a
 * database that cannot be read means no figures, so full precision serves.
 */

export const SERVING_DEFAULTS_TTL_MS = 30_000;

export interface RoleServing {
  role: ModelRole;
  family: string;
  baseModelId: string;
  /** Every member of the family in the model store (manifest models and produced variants), with figures. */
  members: (MemberFigures & { modelId: string })[];
  servingDefault: ServingDefault;
  /** Where the figures came from: the machine fingerprint, or why there are none. */
  figuresFrom: { machine: string; results: number } | { none: string };
}

// Only the figures are cached: the members come from the model store on every call, so a variant
// the lab registers is askable at once.
const figuresCache = () => processSingletonSync("serving-figures-cache", () => new TtlCache<Promise<OwnFigures>>(() => SERVING_DEFAULTS_TTL_MS, 1));

function cachedFigures(): Promise<OwnFigures> {
  const cached = figuresCache().get("own");
  if (cached) return cached;
  const pending = readOwnFigures();
  figuresCache().set("own", pending);
  return pending;
}

export async function getServingDefaults(): Promise<Record<ModelRole, RoleServing>> {
  const figures = await cachedFigures();
  const entries = await Promise.all(modelRoles.map(async (role) => [role, await roleServing(role, figures)] as const));
  return Object.fromEntries(entries) as Record<ModelRole, RoleServing>;
}

/** Called when a benchmark run finishes, so its figures decide the next request. */
export function forgetServingDefaults(): void {
  figuresCache().clear();
}

/** The manifest model a role's family is built around (its labels and dictionary are every member's). */
export function baseModelFor(role: ModelRole): ModelEntry {
  const store = getModelStore();
  const fixed = fixedBaseModels[role];
  const base = fixed ? store.get(fixed) : store.list().find((m) => m.task === roleTasks[role] && !m.parent);
  if (!base) throw new ModelUnavailableError(fixed ?? role, `No model for ${roleTasks[role]} is configured.`);
  return base;
}

type OwnFigures = { machine: string; byModel: Map<string, ResultWithMachine> } | { none: string };

async function readOwnFigures(): Promise<OwnFigures> {
  try {
    const [rows, machine] = await Promise.all([getDb().then((db) => latestBenchmarkResults({ db })), describeMachine()]);
    const own = rows.filter((row) => runFingerprint(row.machine) === machine.fingerprint);
    if (own.length === 0) return { none: rows.length ? "figures exist only from other machines" : "no benchmark has run yet" };
    return { machine: machine.fingerprint, byModel: new Map(own.map((row) => [row.modelId, row])) };
  } catch (error) {
    log.warn({ err: error }, "benchmark figures could not be read; full precision serves");
    return { none: `the benchmark figures could not be read (${(error as Error).message})` };
  }
}

async function roleServing(role: ModelRole, figures: OwnFigures): Promise<RoleServing> {
  const store = getModelStore();
  const base = baseModelFor(role);
  const { needsModelFile } = getInferenceBackend();
  const family = store.list().filter((m) => m.family === base.family && m.task === base.task);
  const members = await Promise.all(
    family.map(async (entry) => ({
      ...("byModel" in figures ? figuresOf(figures.byModel.get(entry.id)) : {}),
      modelId: entry.id,
      variant: entry.variant,
      // As the session pool judges it: a remote inference backend needs the labels and dictionaries here, not the weights.
      available: (needsModelFile ? await store.resolve(entry.id) : await store.resolveFiles(entry.id, (role) => role !== "model")).available,
    })),
  );
  return {
    role,
    family: base.family,
    baseModelId: base.id,
    members,
    servingDefault: chooseServingDefault({ family: base.family, baseModelId: base.id, members }),
    figuresFrom: "byModel" in figures ? { machine: figures.machine, results: members.filter((m) => m.p50Ms !== undefined).length } : { none: figures.none },
  };
}

/** Latency at one thread (the CPU a request costs) and the primary held-out accuracy metric, when stored. */
function figuresOf(row: ResultWithMachine | undefined): Pick<MemberFigures, "p50Ms" | "threads" | "accuracy"> {
  if (!row) return {};
  const performance = performanceSchema.safeParse(row.performance);
  const accuracy = accuracySchema.safeParse(row.accuracy);
  const single = performance.success ? performance.data.latency.filter((l) => l.batchSize === 1).sort((a, b) => a.threads - b.threads)[0] : undefined;
  const measured = accuracy.success && accuracy.data.available ? accuracy.data : undefined;
  const primary = measured?.metrics.find((m) => m.name === measured.primary);
  return {
    ...(single ? { p50Ms: single.p50Ms, threads: single.threads } : {}),
    ...(primary ? { accuracy: { metric: primary.name, value: primary.value, higherIsBetter: primary.higherIsBetter, dataset: primary.dataset } } : {}),
  };
}
