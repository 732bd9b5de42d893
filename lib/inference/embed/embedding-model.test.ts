import { createServer } from "node:http";
import { cosineSimilarity, embedMany } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../env";
import { embedTexts } from "./embed-texts";
import { embeddingModelId, localEmbeddingModel } from "./embedding-model";

// A hosted embedding model replaces the local encoder by configuration alone. The "hosted" endpoint
// here is an OpenAI-compatible /v1/embeddings server on loopback that answers with the local encoder's
// real vectors, so the configured path must give exactly the local answers.

const PORT = 3484;
const seen: { authorization?: string; model: string; input: string[] }[] = [];
const server = createServer((request, response) => {
  let raw = "";
  request.on("data", (d) => (raw += d));
  request.on("end", async () => {
    const body = JSON.parse(raw) as { model: string; input: string[] };
    seen.push({ authorization: request.headers.authorization, ...body });
    const { embeddings } = await embedMany({ model: localEmbeddingModel(), values: body.input });
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ object: "list", data: embeddings.map((embedding, index) => ({ object: "embedding", index, embedding })), model: body.model }),
    );
  });
});
await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));

afterAll(async () => {
  for (const name of ["EMBEDDING_PROVIDER_URL", "EMBEDDING_MODEL", "EMBEDDING_API_KEY"]) delete process.env[name];
  resetEnvForTests();
  await new Promise((resolve) => server.close(resolve));
});

describe("the embedding model seam", () => {
  it("uses an OpenAI-compatible endpoint when EMBEDDING_PROVIDER_URL is set, with the same answers as the local encoder", async () => {
    const texts = ["a cup of espresso", "coffee in a red cup", "a rocket launching into the sky"];
    const local = await embedTexts(texts);
    expect(embeddingModelId()).toBe("use-lite-en");
    Object.assign(process.env, { EMBEDDING_PROVIDER_URL: `http://127.0.0.1:${PORT}/v1`, EMBEDDING_MODEL: "use-lite-hosted", EMBEDDING_API_KEY: "emb-secret" });
    resetEnvForTests();
    const hosted = await embedTexts(texts);
    expect(embeddingModelId()).toBe("use-lite-hosted");
    expect(seen).toEqual([expect.objectContaining({ authorization: "Bearer emb-secret", model: "use-lite-hosted", input: texts })]);
    expect(hosted.vectors).toHaveLength(3);
    hosted.vectors.forEach((vector, i) => expect(cosineSimilarity(vector, local.vectors[i])).toBeCloseTo(1, 6));
  });
});
