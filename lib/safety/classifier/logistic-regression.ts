import type { SparseVector } from "./hash-features";

/**
 * Binary logistic regression over a dense block (sentence embedding) and a sparse block (hashed
 * n-grams), fitted by full-batch Adam on mean log-loss with L2 on the weights. Small and exact enough
 * for a thousand rows; used both by the fit script and by the benchmark's leave-one-source-out refits.
 */

export interface LogisticExample {
  dense: number[];
  sparse: SparseVector;
  label: 0 | 1;
  /** Relative weight of this example (default 1), on top of the class balance. */
  weight?: number;
}

export interface LogisticModel {
  denseWeights: number[];
  sparseWeights: number[];
  bias: number;
}

export interface FitOptions {
  sparseSize: number;
  l2Dense: number;
  l2Sparse: number;
  epochs: number;
  learningRate: number;
  /** Weight of positive examples relative to negative ones (class balance). */
  positiveWeight?: number;
}

export function logitOf(model: LogisticModel, dense: number[], sparse: SparseVector): number {
  let z = model.bias;
  for (let i = 0; i < dense.length; i++) z += model.denseWeights[i] * dense[i];
  for (let k = 0; k < sparse.indices.length; k++) z += model.sparseWeights[sparse.indices[k]] * sparse.values[k];
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogisticRegression(examples: LogisticExample[], options: FitOptions): LogisticModel {
  const denseSize = examples[0]?.dense.length ?? 0;
  const model: LogisticModel = { denseWeights: new Array(denseSize).fill(0), sparseWeights: new Array(options.sparseSize).fill(0), bias: 0 };
  const size = denseSize + options.sparseSize + 1;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  // Class balance by total example weight, so weighted folds stay balanced too.
  const positives = examples.reduce((s, e) => s + (e.label === 1 ? (e.weight ?? 1) : 0), 0);
  const negatives = examples.reduce((s, e) => s + (e.label === 0 ? (e.weight ?? 1) : 0), 0);
  const positiveWeight = options.positiveWeight ?? (positives ? negatives / positives : 1);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const exampleWeight = (e: LogisticExample) => (e.label ? positiveWeight : 1) * (e.weight ?? 1);
  const totalWeight = examples.reduce((s, e) => s + exampleWeight(e), 0);

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    grad.fill(0);
    for (const example of examples) {
      const weight = exampleWeight(example) / totalWeight;
      const error = (sigmoid(logitOf(model, example.dense, example.sparse)) - example.label) * weight;
      for (let i = 0; i < denseSize; i++) grad[i] += error * example.dense[i];
      for (let k = 0; k < example.sparse.indices.length; k++) grad[denseSize + example.sparse.indices[k]] += error * example.sparse.values[k];
      grad[size - 1] += error;
    }
    for (let i = 0; i < denseSize; i++) grad[i] += 2 * options.l2Dense * model.denseWeights[i];
    for (let j = 0; j < options.sparseSize; j++) grad[denseSize + j] += 2 * options.l2Sparse * model.sparseWeights[j];
    const lr = (options.learningRate * Math.sqrt(1 - beta2 ** epoch)) / (1 - beta1 ** epoch);
    for (let i = 0; i < size; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
      v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
      const step = (lr * m[i]) / (Math.sqrt(v[i]) + eps);
      if (i < denseSize) model.denseWeights[i] -= step;
      else if (i < size - 1) model.sparseWeights[i - denseSize] -= step;
      else model.bias -= step;
    }
  }
  return model;
}
