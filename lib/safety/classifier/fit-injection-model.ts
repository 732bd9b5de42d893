import "server-only";
import { normalizeText } from "../normalize/normalize-text";
import { matchSignatures } from "../signatures/match-signatures";
import { classifierInput } from "./classifier-input";
import { clampLogit, combinedMargin, signatureLogit } from "./combine-scores";
import { embedManyCached } from "./embedding-cache";
import { HASH_BUCKETS, inverseDocumentFrequency, ngramCounts, tfidfVector, type SparseVector } from "./hash-features";
import type { InjectionCombiner } from "./injection-classifier-schema";
import { fitLogisticRegression, logitOf, type FitOptions, type LogisticModel } from "./logistic-regression";
import { sourceGroupOf, type InjectionRow, type SourceGroup } from "../dataset/read-injection-data";

/**
 * Fitting the learned layer and the stacker, shared by scripts/fit-injection-classifier.ts and the
 * leave-one-source-out refits in scripts/bench-safety.ts. Two base models (TF-IDF n-grams, sentence
 * embedding) are fitted; the stacker over [signature, n-gram, embedding] logits is fitted on
 * out-of-fold scores of two kinds: random folds (sources seen in training, like the test split) and
 * whole-source folds (a source never seen, like production), the latter down-weighted. The operating
 * threshold is the one that keeps the random-fold false-positive rate at or under the target.
 */

export interface PreparedRow {
  row: InjectionRow;
  group: SourceGroup;
  label: 0 | 1;
  signatureScore: number;
  dense: number[];
  /** Sublinear n-gram term frequencies (IDF is applied by the model that reads them). */
  counts: SparseVector;
}

export const defaultHyperparameters = {
  ngram: { sparseSize: HASH_BUCKETS, l2Dense: 0, l2Sparse: 1e-4, epochs: 250, learningRate: 0.05 } satisfies FitOptions,
  embedding: { sparseSize: 0, l2Dense: 1e-3, l2Sparse: 0, epochs: 250, learningRate: 0.05 } satisfies FitOptions,
  stacker: { sparseSize: 0, l2Dense: 1e-3, l2Sparse: 0, epochs: 1500, learningRate: 0.05 } satisfies FitOptions,
  /** Weight of a whole-source out-of-fold row in the stacker's fit, relative to a random-fold row. */
  unseenSourceWeight: 0.25,
  randomFolds: 5,
  /** The threshold keeps the false-positive rate on random-fold out-of-fold scores at or under this. */
  maxFalsePositiveRate: 0.03,
  /** The stacker reads base logits divided by this, so its weights start on one scale. */
  logitScale: 4,
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
    counts: ngramCounts(inputs[i]),
  }));
}

export interface BaseModels {
  ngram: LogisticModel;
  idf: number[];
  embedding: LogisticModel;
}

const EMPTY: SparseVector = { indices: [], values: [] };

export function fitBaseModels(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): BaseModels {
  const idf = inverseDocumentFrequency(rows.map((r) => r.counts));
  const ngram = fitLogisticRegression(rows.map((r) => ({ dense: [], sparse: tfidfVector(r.counts, idf), label: r.label })), hp.ngram);
  const embedding = fitLogisticRegression(rows.map((r) => ({ dense: r.dense, sparse: EMPTY, label: r.label })), hp.embedding);
  return { ngram, idf, embedding };
}

export function baseLogits(models: BaseModels, dense: number[], counts: SparseVector): { ngramLogit: number; embeddingLogit: number } {
  return { ngramLogit: logitOf(models.ngram, [], tfidfVector(counts, models.idf)), embeddingLogit: logitOf(models.embedding, dense, EMPTY) };
}

interface OutOfFold {
  index: number;
  kind: "random" | "unseen-source";
  ngramLogit: number;
  embeddingLogit: number;
}

/** Base-model logits for every row from models that did not see the row (random folds, then whole-source folds). */
export function outOfFoldLogits(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): OutOfFold[] {
  const out: OutOfFold[] = [];
  const folds: { kind: OutOfFold["kind"]; inFold: (r: PreparedRow, i: number) => boolean }[] = [
    ...Array.from({ length: hp.randomFolds }, (_, k) => ({ kind: "random" as const, inFold: (_r: PreparedRow, i: number) => i % hp.randomFolds === k })),
    ...[...new Set(rows.map((r) => r.group))].map((g) => ({ kind: "unseen-source" as const, inFold: (r: PreparedRow) => r.group === g })),
  ];
  for (const fold of folds) {
    const held = rows.map((r, i) => fold.inFold(r, i));
    if (held.every(Boolean)) continue; // a single-source fit has nothing to hold out
    const models = fitBaseModels(rows.filter((_, i) => !held[i]), hp);
    rows.forEach((r, index) => {
      if (held[index]) out.push({ index, kind: fold.kind, ...baseLogits(models, r.dense, r.counts) });
    });
  }
  return out;
}

/**
 * Fits the stacker on out-of-fold logits and places the threshold. Random-fold rows teach it how good
 * the base models are on familiar sources; whole-source rows (down-weighted) teach it how far to trust
 * them on a source never seen, which is what keeps held-out false positives in check.
 */
export function fitCombiner(rows: PreparedRow[], oof: OutOfFold[], hp: Hyperparameters = defaultHyperparameters): InjectionCombiner {
  const features = (o: OutOfFold) => [signatureLogit(rows[o.index].signatureScore), clampLogit(o.ngramLogit) / hp.logitScale, clampLogit(o.embeddingLogit) / hp.logitScale];
  const examples = oof.map((o) => ({ dense: features(o), sparse: EMPTY, label: rows[o.index].label, weight: o.kind === "random" ? 1 : hp.unseenSourceWeight }));
  const stacker = fitLogisticRegression(examples.filter((e) => e.weight > 0), hp.stacker);
  const raw = { signatureWeight: stacker.denseWeights[0], ngramWeight: stacker.denseWeights[1] / hp.logitScale, embeddingWeight: stacker.denseWeights[2] / hp.logitScale, bias: stacker.bias };
  // The lowest margin that keeps random-fold false positives within the target becomes probability 0.5.
  const benignMargins = oof
    .filter((o) => o.kind === "random" && rows[o.index].label === 0)
    .map((o) => combinedMargin(raw, { signatureScore: rows[o.index].signatureScore, ngramLogit: o.ngramLogit, embeddingLogit: o.embeddingLogit }))
    .sort((a, b) => b - a);
  const allowed = Math.floor(hp.maxFalsePositiveRate * benignMargins.length);
  const cut = (benignMargins[allowed] ?? -Infinity) + 1e-6;
  return { ...raw, bias: raw.bias - cut, threshold: 0.5 };
}

export interface FittedInjectionModel {
  base: BaseModels;
  combiner: InjectionCombiner;
}

export function fitInjectionModel(rows: PreparedRow[], hp: Hyperparameters = defaultHyperparameters): FittedInjectionModel {
  return { base: fitBaseModels(rows, hp), combiner: fitCombiner(rows, outOfFoldLogits(rows, hp), hp) };
}
