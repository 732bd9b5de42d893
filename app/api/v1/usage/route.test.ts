import { describe, expect, it } from "vitest";
import { settleAfterResponseWork } from "@/lib/after-response";
import { expectProblem } from "@/test/api-requests";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { POST as analyzeText } from "../analyze/multilingual/route";
import { GET as allUsage } from "./all/route";
import { GET as publicUsage } from "./public/route";
import { GET as ownUsage } from "./route";

const call = (authorization: string, content: string) =>
  analyzeText(
    new Request("http://localhost/api/v1/analyze/multilingual", {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ content }),
    }),
  );
const read = async (route: typeof ownUsage, headers: Record<string, string> = {}, query = "") =>
  route(new Request(`http://localhost/api/v1/usage${query}`, { headers }));

describe("/api/v1/usage", () => {
  it("shows a user their own calls by day, endpoint and key, and no one else's", async () => {
    const alice = await createTestKey({ role: "user" });
    const bob = await createTestKey({ role: "user" });
    await call(alice.authorization, "Bonjour, je voudrais réserver une table pour deux.");
    await call(alice.authorization, "");
    await call(bob.authorization, "Hallo Welt");
    await settleAfterResponseWork();
    const response = await read(ownUsage, { authorization: alice.authorization }, "?days=7");
    expect(response.status).toBe(200);
    const usage = await response.json();
    expect(usage.totals).toMatchObject({ requests: 2, errors: 1, error_rate: 0.5 });
    expect(usage.per_day).toHaveLength(7);
    expect(usage.per_day.at(-1).requests).toBe(2);
    expect(usage.by_route).toEqual([expect.objectContaining({ route: "POST /api/v1/analyze/multilingual", requests: 2 })]);
    expect(usage.by_key).toEqual([expect.objectContaining({ key_id: alice.id, key_name: "test key", requests: 2 })]);
    expect(usage.totals.latency_ms_p50).toBeGreaterThan(0);
    expect(JSON.stringify(usage)).not.toContain(bob.id);
    expect(usage.by_user).toBeUndefined();
  });

  it("gives admins everyone's usage by user, and refuses it to users (403) and guests", async () => {
    const user = await createTestKey({ role: "user" });
    await call(user.authorization, "Ciao, come stai?");
    await settleAfterResponseWork();
    await expectProblem(await read(allUsage, { authorization: user.authorization }), 403);
    await settleAfterResponseWork();
    const admin = await createTestKey({ role: "admin" });
    const everyone = await (await read(allUsage, { authorization: admin.authorization })).json();
    expect(everyone.by_user).toEqual(
      expect.arrayContaining([expect.objectContaining({ user_id: user.user.id, user_email: user.user.email, requests: 2, errors: 1 })]),
    );
    const guestCookie = await sessionCookieFor((await createTestUser({ role: "guest" })).id);
    await expectProblem(await read(ownUsage, { cookie: guestCookie }), 403, { detail: /sign up/i });
    await expectProblem(await read(ownUsage), 401);
  });

  it("publishes totals and latency only, to anyone", async () => {
    const caller = await createTestKey({ role: "user" });
    await call(caller.authorization, "Olá, tudo bem?");
    await settleAfterResponseWork();
    const response = await read(publicUsage);
    expect(response.status).toBe(200);
    const figures = await response.json();
    expect(figures.requests).toBeGreaterThanOrEqual(1);
    expect(Object.keys(figures).sort()).toEqual(["days", "error_rate", "latency_ms_p50", "latency_ms_p95", "per_day", "requests", "since"]);
    expect(JSON.stringify(figures)).not.toContain(caller.user.id);
    expect(JSON.stringify(figures)).not.toContain("@");
  });

  it("rejects a bad range", async () => {
    const caller = await createTestKey({ role: "user" });
    await expectProblem(await read(ownUsage, { authorization: caller.authorization }, "?days=0"), 400);
    await expectProblem(await read(ownUsage, { authorization: caller.authorization }, "?days=abc"), 400);
    await expectProblem(await read(publicUsage, {}, "?days=1000"), 400);
  });
});
