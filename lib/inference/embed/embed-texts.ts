import "server-only";
import { embedMany } from "ai";
import { localEmbeddingModel } from "./embedding-model";

export interface TextEmbeddings {
  vectors: number[][];
  embedMs: number;
}

/** Embeds texts with the configured sentence encoder (through the AI SDK), timing the call. */
export async function embedTexts(texts: string[]): Promise<TextEmbeddings> {
  const startedAt = performance.now();
  if (texts.length === 0) return { vectors: [], embedMs: 0 };
  const { embeddings } = await embedMany({ model: localEmbeddingModel(), values: texts, maxRetries: 0 });
  return { vectors: embeddings, embedMs: performance.now() - startedAt };
}

export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
