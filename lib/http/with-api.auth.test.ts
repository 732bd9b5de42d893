import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { getDb } from "../db/client";
import { apiUsage } from "../db/schema";
import { resetEnvForTests } from "../env";
import { settleAfterResponseWork } from "../after-response";
import { flushAllUsage } from "../usage/usage-buffer";
import type { Operation } from "./operation";
import { jsonResponse, withApi } from "./with-api";

/** The wrapper's authentication, scopes, CSRF guard, rate limits and usage recording, on a real database. */

const handlerFor = (options: Pick<Operation, "auth"> & Partial<Pick<Operation, "scope" | "rateLimit" | "recordUsage">>) =>
  withApi(
    { operationId: "test", method: "POST", path: "/api/v1/test", tag: "Test", summary: "test", responses: {}, scope: null, ...options },
    (_request, { principal }) => jsonResponse({ kind: principal.kind, user: principal.kind === "anonymous" ? null : principal.user.id }),
  );
const call = (route: ReturnType<typeof handlerFor>, headers: Record<string, string> = {}, method = "POST") =>
  route(new Request("http://localhost/api/v1/test", { method, headers: { host: "localhost", ...headers } }));

afterEach(() => {
  delete process.env.RATE_LIMITS;
  resetEnvForTests();
});

describe("withApi: who may call", () => {
  it("answers 401 problem+json with WWW-Authenticate when a key route gets no credentials", async () => {
    const response = await call(handlerFor({ auth: "key", scope: "analyze" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await response.json()).detail).toMatch(/Authorization: Bearer/);
  });

  it("takes a valid key, refuses bogus, malformed and expired ones (revocation: keys route tests)", async () => {
    const route = handlerFor({ auth: "key", scope: "analyze" });
    const valid = await createTestKey({ role: "user" });
    expect(await (await call(route, { authorization: valid.authorization })).json()).toEqual({ kind: "key", user: valid.user.id });
    expect((await call(route, { authorization: `Bearer ie_${"A".repeat(43)}` })).status).toBe(401);
    expect((await call(route, { authorization: "Bearer not-a-key" })).status).toBe(401);
    expect((await call(route, { authorization: "Token abc" })).status).toBe(401);
    expect((await call(route, { authorization: "" })).status).toBe(401);

    const soon = await createTestKey({ role: "user", expires_at: new Date(Date.now() + 1_500).toISOString() });
    expect((await call(route, { authorization: soon.authorization })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    const expired = await call(route, { authorization: soon.authorization });
    expect(expired.status).toBe(401);
    expect((await expired.json()).detail).toMatch(/expired/);
  });

  it("answers a bogus key and a near-miss of a real key alike: 401, and the same path through the database (similar time)", async () => {
    const route = handlerFor({ auth: "key", scope: "analyze" });
    const real = await createTestKey({ role: "user" });
    // Same prefix as the real key, last characters changed: found by nothing but its hash, like any bogus key.
    const nearMiss = real.key.slice(0, -6) + (real.key.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    const random = `ie_${"Z".repeat(43)}`;
    const timings: Record<string, number[]> = { nearMiss: [], random: [] };
    for (let i = 0; i < 40; i++) {
      for (const [name, key] of [
        ["nearMiss", nearMiss],
        ["random", random],
      ] as const) {
        const started = performance.now();
        const response = await call(route, { authorization: `Bearer ${key}` });
        timings[name].push(performance.now() - started);
        expect(response.status).toBe(401);
        expect((await response.json()).detail).toMatch(/not valid/);
      }
    }
    const { median } = await import("../stats");
    const [a, b] = [median(timings.nearMiss), median(timings.random)];
    expect(Math.abs(a - b)).toBeLessThan(1.5 + 0.5 * Math.max(a, b));
  });

  it("checks the scope: 403 naming it", async () => {
    const route = handlerFor({ auth: "key", scope: "safety" });
    const analyzeOnly = await createTestKey({ role: "user", scopes: ["analyze"] });
    const response = await call(route, { authorization: analyzeOnly.authorization });
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toMatch(/`safety` scope/);
  });

  it("accepts the browser session, guests on key routes only, accounts on user routes, keys not on session routes", async () => {
    const user = await createTestUser({ role: "user" });
    const guest = await createTestUser({ role: "guest" });
    const userCookie = await sessionCookieFor(user.id);
    const guestCookie = await sessionCookieFor(guest.id);
    expect(await (await call(handlerFor({ auth: "key", scope: "analyze" }), { cookie: userCookie })).json()).toEqual({ kind: "session", user: user.id });
    expect((await call(handlerFor({ auth: "key", scope: "analyze" }), { cookie: guestCookie })).status).toBe(200);
    expect((await call(handlerFor({ auth: "user" }), { cookie: guestCookie })).status).toBe(403);
    expect((await call(handlerFor({ auth: "user" }), { cookie: userCookie })).status).toBe(200);
    const key = await createTestKey({ role: "user" });
    expect((await call(handlerFor({ auth: "session" }), { authorization: key.authorization })).status).toBe(403);
    expect((await call(handlerFor({ auth: "session" }), { cookie: userCookie })).status).toBe(200);
    // A forged or foreign cookie is no session.
    expect((await call(handlerFor({ auth: "user" }), { cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.forged" })).status).toBe(
      401,
    );
  });

  it("refuses cookie-authenticated writes from another site (CSRF), not scripts without Origin", async () => {
    const route = handlerFor({ auth: "user" });
    const cookie = await sessionCookieFor((await createTestUser({ role: "user" })).id);
    expect((await call(route, { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await call(route, { cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await call(route, { cookie, origin: "null" })).status).toBe(403);
    expect((await call(route, { cookie, origin: "http://localhost", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await call(route, { cookie })).status).toBe(200);
    // A key is not ambient authority: no Origin check.
    const key = await createTestKey({ role: "user" });
    expect((await call(route, { authorization: key.authorization, origin: "https://elsewhere.example" })).status).toBe(200);
  });

  it("a deleted account's session is no session", async () => {
    const user = await createTestUser({ role: "guest" });
    const cookie = await sessionCookieFor(user.id);
    const { users } = await import("../db/schema");
    const { forgetCachedUser } = await import("../auth/principal");
    await (await getDb()).delete(users).where(eq(users.id, user.id));
    forgetCachedUser(user.id);
    expect((await call(handlerFor({ auth: "key", scope: "analyze" }), { cookie })).status).toBe(401);
  });
});

describe("withApi: rate limits and usage", () => {
  it("sends the RateLimit headers on every answer, 429 with Retry-After past the quota, and recovers", async () => {
    process.env.RATE_LIMITS = JSON.stringify({ free: { minute: { quota: 3, windowSeconds: 4 } } });
    resetEnvForTests();
    const route = handlerFor({ auth: "key", scope: "analyze" });
    const key = await createTestKey({ role: "user", plan: "free" });
    // Start just after a window boundary so four calls land in one window.
    const intoWindow = Date.now() % 4_000;
    if (intoWindow > 1_000) await new Promise((r) => setTimeout(r, 4_000 - intoWindow + 20));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(route, { authorization: key.authorization }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get("ratelimit-policy")).toBe('"minute";q=3;w=4, "day";q=5000;w=86400');
    expect(answers[0].headers.get("ratelimit")).toMatch(/^"minute";r=2;t=\d+, "day";r=\d+;t=\d+$/);
    const limited = answers[3];
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);
    expect(limited.headers.get("ratelimit")).toMatch(/"minute";r=0/);
    expect((await limited.json()).code).toBe("rate_limited");
    // Another key of another account is not affected; the same key recovers after Retry-After.
    expect((await call(route, { authorization: (await createTestKey({ role: "user", plan: "free" })).authorization })).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    expect((await call(route, { authorization: key.authorization })).status).toBe(200);
  });

  it("limits guests tighter than accounts, per guest, and all guests of one address together to the anonymous plan", async () => {
    process.env.RATE_LIMITS = JSON.stringify({ guest: { minute: { quota: 2, windowSeconds: 60 } }, anonymous: { minute: { quota: 3, windowSeconds: 60 } } });
    resetEnvForTests();
    const route = handlerFor({ auth: "key", scope: "analyze" });
    const from = (address: string) => ({ "x-insight-client-address": address });
    const guestCookie = async () => sessionCookieFor((await createTestUser({ role: "guest" })).id);
    const cookie = await guestCookie();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(route, { cookie, ...from("192.0.2.61") })).status);
    expect(statuses).toEqual([200, 200, 429]);
    // A new guest from another address has its own quota ...
    expect((await call(route, { cookie: await guestCookie(), ...from("192.0.2.62") })).status).toBe(200);
    // ... but a new guest from the same address does not: a fresh guest is no fresh quota for its address. It gets
    // what is left of the address's 3 (one call: the first guest's 429 counted nothing), not a guest's own 2.
    const newGuest = await guestCookie();
    expect((await call(route, { cookie: newGuest, ...from("192.0.2.61") })).status).toBe(200);
    const sameAddress = await call(route, { cookie: newGuest, ...from("192.0.2.61") });
    expect(sameAddress.status).toBe(429);
    expect(sameAddress.headers.get("ratelimit")).toMatch(/"address-minute";r=0/);
  });

  it("records every call after the response: route, status, caller, key, bytes", async () => {
    const route = handlerFor({ auth: "key", scope: "analyze" });
    const key = await createTestKey({ role: "user" });
    await route(
      new Request("http://localhost/api/v1/test", {
        method: "POST",
        headers: { authorization: key.authorization, "content-type": "application/json", "content-length": "2" },
        body: "{}",
      }),
    );
    await call(route, { authorization: `Bearer ie_${"B".repeat(43)}` });
    await settleAfterResponseWork();
    await flushAllUsage();
    const db = await getDb();
    const rows = await db.select().from(apiUsage).where(eq(apiUsage.keyId, key.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ route: "POST /api/v1/test", status: 200, userId: key.user.id, bytesIn: 2 });
    expect(rows[0].bytesOut).toBeGreaterThan(10);
    expect(rows[0].latencyMs).toBeGreaterThan(0);
    const refused = await db.select().from(apiUsage).where(eq(apiUsage.status, 401));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((r) => r.userId === null)).toBe(true);
  });

  it("counts a streamed answer when its last byte has gone: latency to the end, bytes as sent, models added while streaming", async () => {
    const key = await createTestKey({ role: "user" });
    const events = ["data: one\n\n", "data: two, after a pause\n\n"];
    const streamedRoute = withApi(
      { operationId: "stream", method: "POST", path: "/api/v1/stream", tag: "Test", summary: "stream", responses: {}, auth: "key", scope: "analyze" },
      (_request, context) => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode(events[0]));
            await new Promise((resolve) => setTimeout(resolve, 150));
            context.models.push("model-used-mid-stream");
            controller.enqueue(encoder.encode(events[1]));
            controller.close();
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      },
    );
    const usageOf = async () => (await getDb()).select().from(apiUsage).where(eq(apiUsage.keyId, key.id));
    const response = await streamedRoute(new Request("http://localhost/api/v1/stream", { method: "POST", headers: { authorization: key.authorization } }));
    await settleAfterResponseWork();
    await flushAllUsage();
    expect(await usageOf()).toHaveLength(0); // Headers are out, the answer is not.
    expect(await response.text()).toBe(events.join(""));
    await settleAfterResponseWork();
    await flushAllUsage();
    const [row] = await usageOf();
    expect(row).toMatchObject({ route: "POST /api/v1/stream", status: 200, bytesOut: Buffer.byteLength(events.join("")) });
    expect(row.latencyMs).toBeGreaterThanOrEqual(140);
    expect(row.models).toContain("model-used-mid-stream");

    // A client that leaves mid-stream is counted too, once, with what it was sent.
    const left = await streamedRoute(new Request("http://localhost/api/v1/stream", { method: "POST", headers: { authorization: key.authorization } }));
    const reader = left.body!.getReader();
    await reader.read();
    await reader.cancel();
    await settleAfterResponseWork();
    await flushAllUsage();
    const rows = await usageOf();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.bytesOut)).toContain(Buffer.byteLength(events[0]));
  });
});
