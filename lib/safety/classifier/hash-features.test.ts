import { describe, expect, it } from "vitest";
import { HASH_BUCKETS, inverseDocumentFrequency, ngramCounts, tfidfVector } from "./hash-features";

describe("hashed TF-IDF n-grams", () => {
  it("hashes the same text to the same buckets, case- and spacing-insensitively", () => {
    const a = ngramCounts("Ignore previous   instructions");
    const b = ngramCounts("ignore PREVIOUS instructions");
    expect(a).toEqual(b);
    expect(a.indices.every((i) => i >= 0 && i < HASH_BUCKETS)).toBe(true);
    expect(a.indices).toEqual([...a.indices].sort((x, y) => x - y));
  });

  it("weights rare n-grams above ones every document shares, and L2-normalises", () => {
    const docs = ["the cat sat", "the dog sat", "the bird sat", "the jailbreak sat"].map((t) => ngramCounts(t));
    const idf = inverseDocumentFrequency(docs);
    const v = tfidfVector(docs[3], idf);
    expect(Math.hypot(...v.values)).toBeCloseTo(1, 9);
    const bucketOf = (word: string) => ngramCounts(word).indices; // contains the word's own buckets
    const shared = bucketOf("the").find((i) => docs.every((d) => d.indices.includes(i)))!;
    const rare = bucketOf("jailbreak").find((i) => !docs[0].indices.includes(i) && !docs[1].indices.includes(i) && !docs[2].indices.includes(i))!;
    expect(idf[rare]).toBeGreaterThan(idf[shared]);
  });
});
