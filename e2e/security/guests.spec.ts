import { expect, test } from "@playwright/test";
import { CookieJar } from "../accounts-client";
import { type StrangerServer, sameOrigin, startOfAMinuteWindow, startStrangerServer } from "./stranger-server";

// Issue #19: "Guests are unlimited: GET /api/auth/guest has no limit and each guest gets a fresh quota."
// Replayed: a script starts guest after guest from one address, and uses each guest's quota.
// Production limit on guest creation: 10 a minute (30 an hour) per address. The second test states its
// figure: RATE_LIMITS gives the anonymous plan 15 calls a minute, which all guests of one address share.

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let h: StrangerServer;
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from a destructuring pattern; this hook needs none
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  h = await startStrangerServer(3, { RATE_LIMITS: JSON.stringify({ anonymous: { minute: { quota: 15, windowSeconds: 60 } } }) });
});
test.afterAll(async () => h?.stop());

const startGuest = async () => {
  const response = await fetch(`${h.baseUrl}/api/auth/guest?redirectUrl=/analyze`, { redirect: "manual" });
  const jar = new CookieJar();
  jar.store(response);
  return { response, jar };
};

test("guest sessions are limited per address: the 11th in a minute is 429 with Retry-After and no session", async () => {
  await startOfAMinuteWindow(45);
  const attempts = [];
  for (let i = 0; i < 12; i++) attempts.push(await startGuest());
  const statuses = attempts.map((a) => a.response.status);
  expect(statuses.slice(0, 10).every((s) => s === 302 || s === 303 || s === 307)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  const refused = attempts[10].response;
  expect(refused.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(attempts[10].jar.header()).not.toContain("session-token");
  // next-auth's own guest callback is the same door, and is limited the same way.
  const csrf = await fetch(`${h.baseUrl}/api/auth/csrf`);
  const jar = new CookieJar();
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const direct = await fetch(`${h.baseUrl}/api/auth/callback/guest`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken }),
  });
  expect(direct.status).toBe(429);
});

test("a new guest is no new quota for its address: all guests of one address share the anonymous plan", async () => {
  // Guest sessions made in the previous test's minute: wait for the next window of the guest limit too.
  await startOfAMinuteWindow(59);
  const [first, second] = [await startGuest(), await startGuest()];
  const call = (jar: CookieJar) =>
    fetch(`${h.baseUrl}/api/v1/analyze/multilingual`, {
      method: "POST",
      headers: { cookie: jar.header(), "content-type": "application/json", ...sameOrigin(h.baseUrl) },
      body: JSON.stringify({ content: "Guten Morgen, wie geht es dir?" }),
    });
  const firstStatuses = [];
  for (let i = 0; i < 10; i++) firstStatuses.push((await call(first.jar)).status);
  expect(firstStatuses).toEqual(Array(10).fill(200));
  const secondStatuses = [];
  for (let i = 0; i < 10; i++) secondStatuses.push((await call(second.jar)).status);
  // 15 for the address: the second guest gets 5, not a fresh 10.
  expect(secondStatuses).toEqual([...Array(5).fill(200), ...Array(5).fill(429)]);
});
