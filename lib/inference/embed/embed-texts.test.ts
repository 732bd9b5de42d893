import { describe, expect, it } from "vitest";
import { cosineSimilarity } from "ai";
import { embedTexts } from "./embed-texts";

describe("sentence embeddings (USE-lite through the AI SDK)", () => {
  it("embeds into 512 dimensions and ranks related sentences closer than unrelated ones", async () => {
    const { vectors } = await embedTexts(["a cup of espresso", "coffee in a red cup", "a rocket launching into the sky"]);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(512);
    const related = cosineSimilarity(vectors[0], vectors[1]);
    const unrelated = cosineSimilarity(vectors[0], vectors[2]);
    expect(related).toBeGreaterThan(unrelated + 0.1);
  });

  it("handles empty strings and very long texts without failing", async () => {
    const { vectors } = await embedTexts(["", "word ".repeat(5000)]);
    expect(vectors.map((v) => v.length)).toEqual([512, 512]);
    expect(vectors[1].every(Number.isFinite)).toBe(true);
  });
});
