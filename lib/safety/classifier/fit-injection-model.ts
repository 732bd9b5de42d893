import type { SafetyRow } from "../dataset/safety-rows";
import { assignFolds, FOLDS, VALIDATION_FOLD } from "../dataset/validation-folds";
import { chooseThresholds, type ThresholdPolicy, type Thresholds } from "./choose-thresholds";
import { fitHashedMlp, type MlpFitOptions } from "./fit-hashed-mlp";
import { inverseDocumentFrequency, tfidfVector, type SparseVector } from "./hash-features";
import { mlpLogit, mlpScratch, type HashedMlp } from "./hashed-mlp";
import { injectionFeatures } from "./injection-features";

/**
 * The fitting procedure, shared by scripts/fit-injection-classifier.ts (the shipped weights), the
 * validation runs and the leave-one-source-out refits of scripts/bench-safety.ts, so all three measure
 * the same thing: fit the network on the rows given; score every row out of fold (the hash folds of
 * lib/safety/dataset/validation-folds.ts); read the thresholds off those scores; fit the final network
 * on all the rows.
 */

export interface PreparedRow {
  row: SafetyRow;
  /** Hash fold of a train row (0 is the validation split). */
  fold: number;
  counts: SparseVector;
  dense: number[];
  signatureScore: number;
}

export const defaultHyperparameters = {
  network: { buckets: 16_384, dim: 16, hidden: 16, epochs: 15, learningRate: 0.003, batchSize: 32, l2: 1e-4, seed: 1 } satisfies MlpFitOptions,
  /** Weight of a benign_everyday row relative to an eval.jsonl row (there are seven times as many). */
  everydayWeight: 0.5,
  /**
   * Exponent a of the attack-group reweighting: an attack row of a group of n train attacks weighs
   * (mean group size / n)^a, so the small styles (machine-translated, prompt_leak, roleplay) are not
   * drowned by the large templated sources. 0 is release 2's unweighted fit.
   */
  attackGroupBalance: 0,
  thresholds: {
    prompt: { categoryMaxFpr: 0.01, fileMaxFpr: 0.005, evalBenignMaxFpr: 0.015 },
    document: { categoryMaxFpr: 0.005, fileMaxFpr: 0.0025 },
    minFalseAlarmsPerCategory: 1,
  } satisfies ThresholdPolicy,
};
export type Hyperparameters = typeof defaultHyperparameters;

export function prepareRows(rows: SafetyRow[], buckets = defaultHyperparameters.network.buckets): PreparedRow[] {
  const folds = assignFolds(rows);
  return rows.map((row, i) => {
    const features = injectionFeatures(row.text, buckets);
    return { row, fold: folds[i], counts: features.counts, dense: features.dense, signatureScore: features.signatures.score };
  });
}

export interface FittedNetwork {
  network: HashedMlp;
  idf: Float32Array;
}

/** Weight of an attack row per group: (mean attack-group size / group size)^exponent; exponent 0 weighs all 1. */
export function attackGroupWeights(rows: { row: Pick<SafetyRow, "label" | "group"> }[], exponent: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of rows) if (r.row.label === 1) sizes.set(r.row.group, (sizes.get(r.row.group) ?? 0) + 1);
  const mean = [...sizes.values()].reduce((s, n) => s + n, 0) / Math.max(sizes.size, 1);
  return new Map([...sizes].map(([group, n]) => [group, (mean / n) ** exponent]));
}

export function fitNetwork(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): FittedNetwork {
  const idf = Float32Array.from(
    inverseDocumentFrequency(
      rows.map((r) => r.counts),
      hp.network.buckets,
    ),
  );
  const attackWeight = attackGroupWeights(rows, hp.attackGroupBalance);
  const examples = rows.map((r) => ({
    ngrams: tfidfVector(r.counts, idf),
    dense: r.dense,
    label: r.row.label,
    weight: r.row.label === 1 ? (attackWeight.get(r.row.group) ?? 1) : r.row.dataset === "everyday" ? hp.everydayWeight : 1,
  }));
  return { network: fitHashedMlp(examples, hp.network), idf };
}

export function networkLogits(fitted: FittedNetwork, rows: Pick<PreparedRow, "counts" | "dense">[]): number[] {
  const scratch = mlpScratch(fitted.network);
  return rows.map((r) => mlpLogit(fitted.network, tfidfVector(r.counts, fitted.idf), r.dense, scratch));
}

/** Every row's logit from the network fitted without its hash fold. */
export function outOfFoldLogits(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters, onFold?: (fold: number) => void): number[] {
  const logits = new Array<number>(rows.length).fill(NaN);
  for (let fold = 0; fold < FOLDS; fold++) {
    onFold?.(fold);
    const held = rows.map((r) => r.fold === fold);
    if (!held.some(Boolean)) continue;
    const fitted = fitNetwork(
      rows.filter((_, i) => !held[i]),
      hp,
    );
    const scored = networkLogits(
      fitted,
      rows.filter((_, i) => held[i]),
    );
    let k = 0;
    rows.forEach((_, i) => {
      if (held[i]) logits[i] = scored[k++];
    });
  }
  return logits;
}

/**
 * Logits of the validation fold only, from one network fitted on the other folds: the cheap protocol
 * for comparing design candidates (one fit each instead of FOLDS); rows outside fold 0 get NaN.
 */
export function validationFoldLogits(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): number[] {
  const fitted = fitNetwork(
    rows.filter((r) => r.fold !== VALIDATION_FOLD),
    hp,
  );
  const held = rows.filter((r) => r.fold === VALIDATION_FOLD);
  const scored = networkLogits(fitted, held);
  let k = 0;
  return rows.map((r) => (r.fold === VALIDATION_FOLD ? scored[k++] : NaN));
}

export interface FittedInjectionModel extends FittedNetwork {
  thresholds: Thresholds;
  outOfFold: number[];
}

export function fitInjectionModel(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters, onStep?: (step: string) => void): FittedInjectionModel {
  const outOfFold = outOfFoldLogits(rows, hp, (fold) => onStep?.(`fold ${fold + 1}/${FOLDS}`));
  const thresholds = chooseThresholds(
    rows.map((r, i) => ({ row: r.row, logit: outOfFold[i], signatureScore: r.signatureScore })),
    hp.thresholds,
  );
  onStep?.("final fit on all rows");
  return { ...fitNetwork(rows, hp), thresholds, outOfFold };
}

/** A prepared row's verdict in a mode: the network's logit at its threshold, or strong signature evidence alone. */
export function flaggedInMode(thresholds: Thresholds, mode: "prompt" | "document", logit: number, signatureScore: number): boolean {
  return logit >= thresholds[mode] || signatureScore >= thresholds.signature[mode];
}
