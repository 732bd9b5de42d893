import { describe, expect, it } from "vitest";
import { settleAfterResponseWork } from "@/lib/after-response";
import { expectProblem } from "@/test/api-requests";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { POST as analyzeText } from "../analyze/multilingual/route";
import { POST as analyzeDocument } from "../analyze/document/route";
import { GET as getImage } from "./[id]/image/route";
import { DELETE, GET as getOne } from "./[id]/route";
import { GET as list } from "./route";

const asKey = (authorization: string) => ({ authorization });
const analyze = async (headers: Record<string, string>, content: string) => {
  const response = await analyzeText(
    new Request("http://localhost/api/v1/analyze/multilingual", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ content }),
    }),
  );
  await settleAfterResponseWork();
  return response;
};
const listFor = async (headers: Record<string, string>) => (await list(new Request("http://localhost/api/v1/history", { headers }))).json();
const one = (headers: Record<string, string>, id: string) =>
  getOne(new Request(`http://localhost/api/v1/history/${id}`, { headers }), { params: Promise.resolve({ id }) });
const remove = (headers: Record<string, string>, id: string) =>
  DELETE(new Request(`http://localhost/api/v1/history/${id}`, { method: "DELETE", headers }), { params: Promise.resolve({ id }) });
const image = (headers: Record<string, string>, id: string) =>
  getImage(new Request(`http://localhost/api/v1/history/${id}/image`, { headers }), { params: Promise.resolve({ id }) });

describe("/api/v1/history", () => {
  it("keeps each analysis of the caller, newest first, with its answer; opens and deletes it", async () => {
    const alice = asKey((await createTestKey({ role: "user" })).authorization);
    expect((await analyze(alice, "Bonjour tout le monde, comment allez-vous ?")).status).toBe(200);
    expect((await analyze(alice, "Guten Morgen, wie geht es dir?")).status).toBe(200);
    const { analyses } = await listFor(alice);
    expect(analyses.map((a: { title: string }) => a.title)).toEqual(["Guten Morgen, wie geht es dir?", "Bonjour tout le monde, comment allez-vous ?"]);
    expect(analyses[0]).toMatchObject({ kind: "multilingual", has_image: false });
    const entry = await (await one(alice, analyses[0].id)).json();
    expect(entry.result.language.language).toBe("de");
    expect(entry.request).toMatchObject({ content_chars: 30 });
    expect((await remove(alice, analyses[0].id)).status).toBe(204);
    await expectProblem(await one(alice, analyses[0].id), 404);
    expect((await listFor(alice)).analyses).toHaveLength(1);
  });

  it("keeps nothing of another user's reach: list, open, image and delete are all 404 for them", async () => {
    const alice = asKey((await createTestKey({ role: "user" })).authorization);
    await analyze(alice, "Det här är en svensk mening om vädret.");
    const [mine] = (await listFor(alice)).analyses;
    const mallory = { cookie: await sessionCookieFor((await createTestUser({ role: "user" })).id) };
    expect((await listFor(mallory)).analyses).toEqual([]);
    await expectProblem(await one(mallory, mine.id), 404);
    await expectProblem(await image(mallory, mine.id), 404);
    await expectProblem(await remove(mallory, mine.id), 404);
    expect((await one(alice, mine.id)).status).toBe(200);
  });

  it("keeps a guest's analyses; anonymous callers get 401 and have none", async () => {
    const guest = { cookie: await sessionCookieFor((await createTestUser({ role: "guest" })).id) };
    await analyze(guest, "Hola, ¿qué tal estás hoy?");
    expect((await listFor(guest)).analyses).toHaveLength(1);
    await expectProblem(await list(new Request("http://localhost/api/v1/history")), 401);
  });

  it("keeps an image only when asked (keep_image), served back as uploaded", async () => {
    const owner = asKey((await createTestKey({ role: "user" })).authorization);
    const png = await (await import("sharp"))
      .default({ create: { width: 64, height: 48, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    const send = async (keep: boolean) => {
      const form = new FormData();
      form.set("document_image", new Blob([new Uint8Array(png)], { type: "image/png" }), "page.png");
      form.set("keep_image", String(keep));
      expect((await analyzeDocument(new Request("http://localhost/api/v1/analyze/document", { method: "POST", headers: owner, body: form }))).status).toBe(200);
      await settleAfterResponseWork();
      return (await listFor(owner)).analyses[0];
    };
    const without = await send(false);
    expect(without).toMatchObject({ kind: "document", has_image: false });
    await expectProblem(await image(owner, without.id), 404, { detail: /keep_image/ });
    const kept = await send(true);
    expect(kept.has_image).toBe(true);
    const served = await image(owner, kept.id);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it("rejects bad query parameters", async () => {
    const owner = asKey((await createTestKey({ role: "user" })).authorization);
    await expectProblem(await list(new Request("http://localhost/api/v1/history?limit=0", { headers: owner })), 400);
    await expectProblem(await list(new Request("http://localhost/api/v1/history?before=yesterday", { headers: owner })), 400);
  });
});
