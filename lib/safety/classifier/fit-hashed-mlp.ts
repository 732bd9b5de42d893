import type { SparseVector } from "./hash-features";
import { mlpLogit, mlpScratch, type HashedMlp } from "./hashed-mlp";
import { seededRandom } from "../../seeded-random";

/**
 * Trains the hashed n-gram network with mini-batch Adam on weighted log-loss. Only the embedding rows a
 * batch touched are updated (lazy Adam), which keeps an epoch over a few thousand texts near a second.
 * Seeded: the same rows and options give the same weights.
 */

export interface MlpExample {
  ngrams: SparseVector;
  dense: number[];
  label: 0 | 1;
  /** Relative weight (default 1), on top of the class balance. */
  weight?: number;
}

export interface MlpFitOptions {
  buckets: number;
  dim: number;
  hidden: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** L2 penalty on the embedding rows touched and on the hidden layer's weights. */
  l2: number;
  seed: number;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function initialModel(denseSize: number, o: MlpFitOptions, random: () => number): HashedMlp {
  const inputSize = o.dim + denseSize;
  const model: HashedMlp = {
    buckets: o.buckets,
    dim: o.dim,
    hidden: o.hidden,
    denseSize,
    embedding: new Float32Array(o.buckets * o.dim),
    w1: new Float32Array(inputSize * o.hidden),
    b1: new Float32Array(o.hidden),
    w2: new Float32Array(o.hidden),
    b2: 0,
    skip: new Float32Array(denseSize),
  };
  const uniform = (limit: number) => (random() * 2 - 1) * limit;
  for (let i = 0; i < model.embedding.length; i++) model.embedding[i] = uniform(1 / o.dim);
  for (let i = 0; i < model.w1.length; i++) model.w1[i] = uniform(Math.sqrt(6 / inputSize));
  for (let h = 0; h < o.hidden; h++) model.w2[h] = uniform(Math.sqrt(3 / o.hidden));
  return model;
}

/** Adam moments for a flat parameter block. */
class AdamBlock {
  readonly m: Float64Array;
  readonly v: Float64Array;
  constructor(size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(params: Float32Array | Float64Array, grads: Float64Array, offset: number, lr: number, index: number): void {
    const g = grads[offset + index];
    this.m[offset + index] = ADAM.beta1 * this.m[offset + index] + (1 - ADAM.beta1) * g;
    this.v[offset + index] = ADAM.beta2 * this.v[offset + index] + (1 - ADAM.beta2) * g * g;
    params[index] -= (lr * this.m[offset + index]) / (Math.sqrt(this.v[offset + index]) + ADAM.epsilon);
  }
}

export function fitHashedMlp(examples: MlpExample[], o: MlpFitOptions): HashedMlp {
  const random = seededRandom(o.seed);
  const denseSize = examples[0]?.dense.length ?? 0;
  const model = initialModel(denseSize, o, random);
  const { dim, hidden } = model;
  const inputSize = dim + denseSize;
  // Gradients of the small layers in one vector: [w1, b1, w2, skip, b2].
  const offsets = { b1: model.w1.length, w2: model.w1.length + hidden, skip: model.w1.length + 2 * hidden, b2: model.w1.length + 2 * hidden + denseSize };
  const layerGrads = new Float64Array(offsets.b2 + 1);
  const layerAdam = new AdamBlock(layerGrads.length);
  const b2Holder = new Float64Array(1);
  const embeddingGrads = new Float64Array(model.embedding.length);
  const embeddingAdam = new AdamBlock(model.embedding.length);
  const embeddingSteps = new Int32Array(o.buckets);
  const touchedAt = new Int32Array(o.buckets);
  const touched: number[] = [];
  const scratch = mlpScratch(model);
  const hiddenGrad = new Float64Array(hidden);
  const inputGrad = new Float64Array(dim);

  // Class balance by total example weight, as in the logistic regression.
  const weightOf = (e: MlpExample) => e.weight ?? 1;
  const positives = examples.reduce((s, e) => s + (e.label ? weightOf(e) : 0), 0);
  const negatives = examples.reduce((s, e) => s + (e.label ? 0 : weightOf(e)), 0);
  const positiveWeight = positives ? negatives / positives : 1;
  const totalWeight = examples.reduce((s, e) => s + weightOf(e) * (e.label ? positiveWeight : 1), 0);

  const order = examples.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += o.batchSize) {
      const batch = order.slice(start, start + o.batchSize);
      layerGrads.fill(0);
      touched.length = 0;
      step++;
      const scale = examples.length / (batch.length * totalWeight);
      for (const index of batch) {
        const e = examples[index];
        const z = mlpLogit(model, e.ngrams, e.dense, scratch);
        const g = (sigmoid(z) - e.label) * weightOf(e) * (e.label ? positiveWeight : 1) * scale;
        const { input: x, preActivation: pre } = scratch;
        layerGrads[offsets.b2] += g;
        for (let j = 0; j < denseSize; j++) layerGrads[offsets.skip + j] += g * e.dense[j];
        for (let h = 0; h < hidden; h++) {
          const active = pre[h] > 0;
          layerGrads[offsets.w2 + h] += active ? g * pre[h] : 0;
          hiddenGrad[h] = active ? g * model.w2[h] : 0;
          layerGrads[offsets.b1 + h] += hiddenGrad[h];
        }
        for (let i = 0; i < inputSize; i++) {
          if (x[i] === 0) continue;
          for (let h = 0; h < hidden; h++) layerGrads[i * hidden + h] += x[i] * hiddenGrad[h];
        }
        for (let j = 0; j < dim; j++) {
          let sum = 0;
          for (let h = 0; h < hidden; h++) sum += model.w1[j * hidden + h] * hiddenGrad[h];
          inputGrad[j] = sum;
        }
        for (let k = 0; k < e.ngrams.indices.length; k++) {
          const bucket = e.ngrams.indices[k];
          if (touchedAt[bucket] !== step) {
            touchedAt[bucket] = step;
            touched.push(bucket);
          }
          const base = bucket * dim;
          for (let j = 0; j < dim; j++) embeddingGrads[base + j] += e.ngrams.values[k] * inputGrad[j];
        }
      }
      const lr = (o.learningRate * Math.sqrt(1 - ADAM.beta2 ** step)) / (1 - ADAM.beta1 ** step);
      for (let i = 0; i < model.w1.length; i++) layerGrads[i] += o.l2 * model.w1[i];
      for (let i = 0; i < model.w1.length; i++) layerAdam.step(model.w1, layerGrads, 0, lr, i);
      for (let h = 0; h < hidden; h++) layerAdam.step(model.b1, layerGrads, offsets.b1, lr, h);
      for (let h = 0; h < hidden; h++) layerAdam.step(model.w2, layerGrads, offsets.w2, lr, h);
      for (let j = 0; j < denseSize; j++) layerAdam.step(model.skip, layerGrads, offsets.skip, lr, j);
      b2Holder[0] = model.b2;
      layerAdam.step(b2Holder, layerGrads, offsets.b2, lr, 0);
      model.b2 = b2Holder[0];
      for (const bucket of touched) {
        const t = ++embeddingSteps[bucket];
        const rowLr = (o.learningRate * Math.sqrt(1 - ADAM.beta2 ** t)) / (1 - ADAM.beta1 ** t);
        const base = bucket * dim;
        for (let j = 0; j < dim; j++) {
          embeddingGrads[base + j] += o.l2 * model.embedding[base + j];
          embeddingAdam.step(model.embedding, embeddingGrads, 0, rowLr, base + j);
          embeddingGrads[base + j] = 0;
        }
      }
    }
  }
  return model;
}
