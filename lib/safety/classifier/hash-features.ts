/**
 * Hashed TF-IDF n-gram features: character 1-5-grams and word 1-2-grams of the normalised, lowercased
 * text, folded into a fixed number of buckets (FNV-1a). Term frequency is sublinear (1 + log tf); the
 * inverse document frequency per bucket is fitted on the training rows and stored with the weights, so
 * common n-grams ("the", "you") stop outweighing the rare ones that carry an attack. No vocabulary to
 * store, and the same functions serve fitting and scoring, so they cannot drift apart.
 */

export const HASH_BUCKETS = 1 << 16;
export const NGRAM_DESCRIPTION = "char 1-5 + word 1-2, FNV-1a hashed into features.hashBuckets buckets, sublinear tf x idf, L2-normalised";

export interface SparseVector {
  indices: number[];
  values: number[];
}

function fnv1a(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Long prompts are capped: the head and tail carry the instruction; the middle is mostly story.
const MAX_FEATURE_CHARS = 6_000;

/** Sublinear term frequencies per bucket (indices ascending), before IDF weighting. */
export function ngramCounts(text: string, buckets = HASH_BUCKETS): SparseVector {
  let source = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (source.length > MAX_FEATURE_CHARS) source = `${source.slice(0, MAX_FEATURE_CHARS - 1000)} ${source.slice(-1000)}`;
  const counts = new Map<number, number>();
  const bump = (gram: string, seed: number) => {
    const index = fnv1a(gram, seed) % buckets;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const chars = [...` ${source} `];
  for (let n = 1; n <= 5; n++) for (let i = 0; i + n <= chars.length; i++) bump(chars.slice(i, i + n).join(""), n);
  const words = source.match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    bump(words[i], 11);
    if (i + 1 < words.length) bump(`${words[i]} ${words[i + 1]}`, 12);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => 1 + Math.log(counts.get(i)!)) };
}

/** Smoothed IDF per bucket from the documents the model is fitted on: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequency(documents: SparseVector[], buckets = HASH_BUCKETS): number[] {
  const df = new Float64Array(buckets);
  for (const doc of documents) for (const i of doc.indices) df[i]++;
  return Array.from(df, (d) => Math.log((1 + documents.length) / (1 + d)) + 1);
}

export function tfidfVector(counts: SparseVector, idf: ArrayLike<number>): SparseVector {
  const values = counts.values.map((v, k) => v * idf[counts.indices[k]]);
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return { indices: counts.indices, values: values.map((v) => v / norm) };
}
