import type { SparseVector } from "./hash-features";

/**
 * A small fastText-style network, written here so it trains and runs in plain TypeScript: the hashed
 * TF-IDF n-grams of a text select rows of an embedding table whose weighted sum is the text's vector;
 * that vector and the dense features (signature family scores) feed one ReLU hidden layer, and the
 * output logit adds a linear "skip" term on the dense features, so strong signature evidence counts
 * directly and stays readable in the weights.
 */

export interface HashedMlp {
  buckets: number;
  /** Width of the n-gram embedding. */
  dim: number;
  hidden: number;
  denseSize: number;
  /** buckets x dim, row-major. */
  embedding: Float32Array;
  /** (dim + denseSize) x hidden, row-major (input-major). */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
  /** Output weights read straight from the dense features. */
  skip: Float32Array;
}

/** Reusable buffers so the training loop does not allocate per example. */
export interface MlpScratch {
  input: Float32Array;
  preActivation: Float32Array;
}

export function mlpScratch(model: Pick<HashedMlp, "dim" | "denseSize" | "hidden">): MlpScratch {
  return { input: new Float32Array(model.dim + model.denseSize), preActivation: new Float32Array(model.hidden) };
}

/** The network's logit for one text (positive = injection before any threshold). */
export function mlpLogit(model: HashedMlp, ngrams: SparseVector, dense: ArrayLike<number>, scratch: MlpScratch = mlpScratch(model)): number {
  const { dim, hidden, denseSize, embedding, w1, b1, w2, skip } = model;
  const x = scratch.input;
  x.fill(0);
  for (let k = 0; k < ngrams.indices.length; k++) {
    const base = ngrams.indices[k] * dim;
    const value = ngrams.values[k];
    for (let j = 0; j < dim; j++) x[j] += value * embedding[base + j];
  }
  for (let j = 0; j < denseSize; j++) x[dim + j] = dense[j];
  let z = model.b2;
  const pre = scratch.preActivation;
  for (let h = 0; h < hidden; h++) {
    let sum = b1[h];
    for (let i = 0; i < x.length; i++) sum += w1[i * hidden + h] * x[i];
    pre[h] = sum;
    if (sum > 0) z += w2[h] * sum;
  }
  for (let j = 0; j < denseSize; j++) z += skip[j] * dense[j];
  return z;
}
