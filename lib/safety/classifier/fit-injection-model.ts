import "server-only";
import { normalizeText } from "../normalize/normalize-text";
import { matchSignatures } from "../signatures/match-signatures";
import { classifierInput } from "./classifier-input";
import { clampLogit, signatureLogit } from "./combine-scores";
import { embedManyCached } from "./embedding-cache";
import { HASH_BUCKETS, hashFeatures, type SparseVector } from "./hash-features";
import type { InjectionClassifier } from "./injection-classifier-schema";
import { fitLogisticRegression, logitOf, type FitOptions, type LogisticModel } from "./logistic-regression";
import { sourceGroupOf, type InjectionRow, type SourceGroup } from "./read-injection-data";

/**
 * Fitting the learned layer and the combiner, shared by scripts/fit-injection-classifier.ts and the
 * leave-one-source-out refits in scripts/bench-safety.ts. The combiner is fitted on out-of-fold
 * classifier scores where each fold is one whole source, so it learns how far the classifier can be
 * trusted on a source it has never seen, not on the rows it memorised.
 */

export interface PreparedRow {
  row: InjectionRow;
  group: SourceGroup;
  label: 0 | 1;
  signatureScore: number;
  dense: number[];
  sparse: SparseVector;
}

export const defaultHyperparameters = {
  logistic: { sparseSize: HASH_BUCKETS, l2Dense: 1e-3, l2Sparse: 1e-4, epochs: 250, learningRate: 0.05 } satisfies FitOptions,
  /** Cost of a false positive relative to a missed attack when the combiner is chosen. */
  falsePositiveCost: 2,
  /** Share of the combiner's objective given to unseen sources (whole-source folds) vs seen ones (random folds). */
  unseenSourceWeight: 0.25,
  /** Grid the combiner's direction and offset are chosen from (signature weight, classifier weight, bias). */
  grid: {
    signatureWeights: [0.5, 0.75, 1, 1.25, 1.5, 2],
    classifierWeights: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5],
    biases: Array.from({ length: 33 }, (_, i) => -4 + i * 0.25),
  },
  threshold: 0.5,
};
export type Hyperparameters = typeof defaultHyperparameters;

export async function prepareRows(rows: InjectionRow[], onProgress?: (done: number) => void): Promise<PreparedRow[]> {
  const normalized = rows.map((row) => normalizeText(row.text));
  const inputs = normalized.map(classifierInput);
  const vectors = await embedManyCached(inputs, onProgress);
  return rows.map((row, i) => ({
    row,
    group: sourceGroupOf(row.source),
    label: row.label === "injection" ? 1 : 0,
    signatureScore: matchSignatures(normalized[i]).score,
    dense: vectors[i],
    sparse: hashFeatures(inputs[i]),
  }));
}

function fitClassifier(rows: PreparedRow[], hp: Hyperparameters): LogisticModel {
  return fitLogisticRegression(rows.map((r) => ({ dense: r.dense, sparse: r.sparse, label: r.label })), hp.logistic);
}

/** Classifier logits for every row from a model that did not see the row's fold. */
export function outOfFoldLogits(rows: PreparedRow[], hp: Hyperparameters, folds: "source-group" | "random-5"): number[] {
  const foldOf = (r: PreparedRow, i: number) => (folds === "source-group" ? r.group : String(i % 5));
  const names = [...new Set(rows.map(foldOf))];
  const logits = new Array<number>(rows.length).fill(0);
  for (const fold of names) {
    const inFold = rows.map((r, i) => foldOf(r, i) === fold);
    const model = fitClassifier(rows.filter((_, i) => !inFold[i]), hp);
    rows.forEach((r, i) => {
      if (inFold[i]) logits[i] = logitOf(model, r.dense, r.sparse);
    });
  }
  return logits;
}

/**
 * Chooses how much to trust each layer. Two out-of-fold views of the classifier are scored: random
 * folds (sources seen in training, as on the test split) and whole-source folds (a source never seen,
 * as in production). The combiner that does best on both together wins, so the classifier gets only
 * as much weight as it earns on sources it has not seen. Its scale is then fitted for calibration.
 */
export function fitCombiner(rows: PreparedRow[], randomLogits: number[], groupLogits: number[], hp: Hyperparameters): InjectionClassifier["combiner"] {
  const sig = rows.map((r) => signatureLogit(r.signatureScore));
  const rand = randomLogits.map(clampLogit);
  const grouped = groupLogits.map(clampLogit);
  const groups = [...new Set(rows.map((r) => r.group))];
  const cost = hp.falsePositiveCost;
  const utility = (flags: boolean[], subset: number[]) => {
    const pos = subset.filter((i) => rows[i].label === 1);
    const neg = subset.filter((i) => rows[i].label === 0);
    const tpr = pos.length ? pos.filter((i) => flags[i]).length / pos.length : undefined;
    const fpr = neg.length ? neg.filter((i) => flags[i]).length / neg.length : undefined;
    const parts = [tpr, fpr === undefined ? undefined : 1 - cost * fpr].filter((v): v is number => v !== undefined);
    return parts.reduce((a, b) => a + b, 0) / parts.length;
  };
  const all = rows.map((_, i) => i);
  const byGroup = groups.map((g) => all.filter((i) => rows[i].group === g));
  let best = { a: 1, b: 0, c: 0, value: -Infinity };
  for (const a of hp.grid.signatureWeights)
    for (const b of hp.grid.classifierWeights)
      for (const c of hp.grid.biases) {
        const inRandom = all.map((i) => a * sig[i] + b * rand[i] + c >= 0);
        const inGroups = all.map((i) => a * sig[i] + b * grouped[i] + c >= 0);
        const unseen = byGroup.reduce((s, idx) => s + utility(inGroups, idx), 0) / byGroup.length;
        const value = (1 - hp.unseenSourceWeight) * utility(inRandom, all) + hp.unseenSourceWeight * unseen;
        if (value > best.value + 1e-9) best = { a, b, c, value };
      }
  // Calibrate the scale on the random folds (the decision boundary stays where it was chosen).
  const margins = all.map((i) => best.a * sig[i] + best.b * rand[i] + best.c);
  const scaleModel = fitLogisticRegression(
    rows.map((r, i) => ({ dense: [margins[i]], sparse: { indices: [], values: [] }, label: r.label })),
    { sparseSize: 0, l2Dense: 1e-3, l2Sparse: 0, epochs: 300, learningRate: 0.05, positiveWeight: 1 },
  );
  const scale = Math.max(0.25, scaleModel.denseWeights[0]);
  return { signatureWeight: scale * best.a, classifierWeight: scale * best.b, bias: scale * best.c, threshold: hp.threshold };
}

export interface FittedInjectionModel {
  logistic: LogisticModel;
  combiner: InjectionClassifier["combiner"];
}

export function fitInjectionModel(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): FittedInjectionModel {
  const logistic = fitClassifier(rows, hp);
  const combiner = fitCombiner(rows, outOfFoldLogits(rows, hp, "random-5"), outOfFoldLogits(rows, hp, "source-group"), hp);
  return { logistic, combiner };
}
