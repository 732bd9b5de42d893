import { sql } from "drizzle-orm";
import { settleAfterResponseWork } from "@/lib/after-response";
import { flushAllUsage } from "@/lib/usage/usage-buffer";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { expectProblem } from "@/test/api-requests";
import { createTestUser, sessionCookieFor } from "@/test/auth";
import { DELETE, PATCH } from "./[id]/route";
import { GET, POST } from "./route";
import { POST as analyzeText } from "../analyze/multilingual/route";

const url = "http://localhost/api/v1/keys";
const create = (cookie: string, body: unknown) =>
  POST(new Request(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }));
const list = (cookie: string) => GET(new Request(url, { headers: { cookie } }));
const rename = (cookie: string, id: string, name: string) =>
  PATCH(new Request(`${url}/${id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name }) }), {
    params: Promise.resolve({ id }),
  });
const revoke = (cookie: string, id: string) =>
  DELETE(new Request(`${url}/${id}`, { method: "DELETE", headers: { cookie } }), { params: Promise.resolve({ id }) });
const useKey = (key: string) =>
  analyzeText(
    new Request("http://localhost/api/v1/analyze/multilingual", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "Guten Morgen, wie geht es dir heute?" }),
    }),
  );

async function signedIn(role: "user" | "admin" | "guest" = "user") {
  const user = await createTestUser({ role });
  return { user, cookie: await sessionCookieFor(user.id) };
}

describe("/api/v1/keys", () => {
  it("creates a key shown once, lists it without the key, and the key works", async () => {
    const { cookie } = await signedIn();
    const response = await create(cookie, { name: "ci script", scopes: ["analyze"] });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.key).toMatch(/^ie_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "ci script", scopes: ["analyze"], status: "active", last_used_at: null });
    expect(created.display_form).toBe(`${created.key.slice(0, 7)}…${created.key.slice(-4)}`);
    expect(response.headers.get("location")).toBe(`/api/v1/keys/${created.id}`);

    const listed = await (await list(cookie)).json();
    expect(listed.keys).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    expect((await useKey(created.key)).status).toBe(200);
    // Only the SHA-256 and the display form are stored: the key is nowhere in the database.
    await settleAfterResponseWork();
    await flushAllUsage();
    const db = await getDb();
    const dump = JSON.stringify(await db.execute(sql`select * from api_keys`)) + JSON.stringify(await db.execute(sql`select * from api_usage`));
    expect(dump).not.toContain(created.key);
    expect(dump).not.toContain(created.key.slice(7, 30));
  });

  it("renames, and revokes with immediate effect (401 on use), keeping the key listed as revoked", async () => {
    const { cookie } = await signedIn();
    const { id, key } = await (await create(cookie, { name: "old", scopes: ["analyze"] })).json();
    expect((await useKey(key)).status).toBe(200);
    expect(await (await rename(cookie, id, "new name")).json()).toMatchObject({ id, name: "new name" });
    const revoked = await revoke(cookie, id);
    expect(await revoked.json()).toMatchObject({ id, status: "revoked" });
    const refused = await useKey(key);
    await expectProblem(refused, 401, { detail: /revoked/ });
    expect((await (await list(cookie)).json()).keys[0]).toMatchObject({ id, status: "revoked" });
  });

  it("never shows, renames or revokes another user's keys (404), nor lists them", async () => {
    const alice = await signedIn();
    const mallory = await signedIn();
    const { id, key } = await (await create(alice.cookie, { name: "alice's", scopes: ["analyze"] })).json();
    expect((await (await list(mallory.cookie)).json()).keys).toEqual([]);
    await expectProblem(await rename(mallory.cookie, id, "pwned"), 404);
    await expectProblem(await revoke(mallory.cookie, id), 404);
    expect((await useKey(key)).status).toBe(200);
    expect((await (await list(alice.cookie)).json()).keys[0]).toMatchObject({ name: "alice's", status: "active" });
  });

  it("is for accounts' browser sessions: not anonymous, not guests, not API keys", async () => {
    await expectProblem(await list(""), 401);
    const guest = await signedIn("guest");
    await expectProblem(await create(guest.cookie, { name: "x", scopes: ["analyze"] }), 403);
    const { cookie } = await signedIn();
    const { key } = await (await create(cookie, { name: "k", scopes: ["analyze", "safety"] })).json();
    const byKey = await POST(
      new Request(url, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: '{"name":"more","scopes":["analyze"]}',
      }),
    );
    await expectProblem(byKey, 403, { detail: /sign in on the website/ });
  });

  it("grants only scopes the role allows, and validates names, scopes and expiry", async () => {
    const user = await signedIn("user");
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["benchmarks:run"] }), 403, { detail: /benchmarks:run/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["admin"] }), 403);
    const admin = await signedIn("admin");
    expect((await create(admin.cookie, { name: "ops", scopes: ["benchmarks:run", "admin"] })).status).toBe(201);
    await expectProblem(await create(user.cookie, { name: "", scopes: ["analyze"] }), 400, { detail: /name/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: [] }), 400, { detail: /scopes/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["root"] }), 400, { detail: /scopes/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["analyze"], expires_at: "2001-01-01T00:00:00Z" }), 400, { detail: /future/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["analyze"], expires_at: "next tuesday" }), 400, { detail: /expires_at/ });
    await expectProblem(await create(user.cookie, { name: "x", scopes: ["analyze"], owner_id: "someone-else" }), 400);
    await expectProblem(
      await POST(new Request(url, { method: "POST", headers: { cookie: user.cookie, "content-type": "application/json" }, body: "{oops" })),
      400,
    );
    await expectProblem(await POST(new Request(url, { method: "POST", headers: { cookie: user.cookie, "content-type": "text/plain" }, body: "name=x" })), 415);
    await expectProblem(await rename(user.cookie, "not-a-uuid", "x"), 404);
  });
});
