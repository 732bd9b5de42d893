/**
 * Hashed n-gram features: character 3-5-grams and word 1-2-grams of the normalised, lowercased text,
 * folded into a fixed number of buckets (FNV-1a), log-scaled and L2-normalised. No vocabulary to store,
 * and the same function serves fitting and scoring, so they cannot drift apart.
 */

export const HASH_BUCKETS = 1 << 14;

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

export function hashFeatures(text: string, buckets = HASH_BUCKETS): SparseVector {
  let source = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (source.length > MAX_FEATURE_CHARS) source = `${source.slice(0, MAX_FEATURE_CHARS - 1000)} ${source.slice(-1000)}`;
  const counts = new Map<number, number>();
  const bump = (gram: string, seed: number) => {
    const index = fnv1a(gram, seed) % buckets;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const padded = ` ${source} `;
  const chars = [...padded];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= chars.length; i++) bump(chars.slice(i, i + n).join(""), n);
  const words = source.match(/[\p{L}\p{N}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    bump(words[i], 11);
    if (i + 1 < words.length) bump(`${words[i]} ${words[i + 1]}`, 12);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((i) => 1 + Math.log(counts.get(i)!));
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return { indices, values: values.map((v) => v / norm) };
}
