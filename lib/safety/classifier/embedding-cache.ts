import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { embedTexts } from "../../inference/embed/embed-texts";

/**
 * Embeds many texts for the fit and benchmark scripts, keeping the vectors in the system temp folder
 * keyed by a hash of the texts, so repeated runs skip the encoder. Nothing here is committed.
 */
export async function embedManyCached(texts: string[], onProgress?: (done: number) => void): Promise<number[][]> {
  const key = createHash("sha256").update(JSON.stringify(texts)).digest("hex").slice(0, 16);
  const file = path.join(tmpdir(), `insight-safety-embeddings-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as number[][];
  const vectors: number[][] = [];
  const batch = 32;
  for (let i = 0; i < texts.length; i += batch) {
    const { vectors: part } = await embedTexts(texts.slice(i, i + batch));
    vectors.push(...part);
    onProgress?.(vectors.length);
  }
  writeFileSync(file, JSON.stringify(vectors));
  return vectors;
}
