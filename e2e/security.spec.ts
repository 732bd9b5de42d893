import { expect, test } from "@playwright/test";
import { writeReadmeCount } from "../test/readme-counts";
import { CookieJar } from "./accounts-client";
import { type Account, createAccount, type HardenedServer, sameOrigin, startHardenedServer, stopHardenedServers } from "./hardening/hardened-server";

// Security properties of the production build: owners' data stays theirs, cookie-authenticated writes
// refuse other origins, sign-in issues a new session, key checks do not leak which keys exist through
// timing, secrets stay out of logs and answers, and every page carries the security headers with a
// CSP that Chromium reports no violation of.

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let h: HardenedServer;
let owner: Account;
let other: Account;
const owned: Record<string, string> = {};
let checks = 0;

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from a destructuring pattern; this hook needs none
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  h = await startHardenedServer(1);
  owner = h.admin;
  other = await createAccount(h.baseUrl, "hardening-other@example.test", ["analyze", "safety", "batch"]);
  const asOwner = { authorization: `Bearer ${owner.key}`, "content-type": "application/json" };
  const post = async (path: string, body: unknown) =>
    (await fetch(`${h.baseUrl}${path}`, { method: "POST", headers: asOwner, body: JSON.stringify(body) })).json();
  await post("/api/v1/analyze/multilingual", { content: "Owner's private text: Guten Morgen!" });
  // History is written after the answer is sent: wait for it.
  for (let attempt = 0; attempt < 40 && !owned.history; attempt++) {
    owned.history = (await (await fetch(`${h.baseUrl}/api/v1/history`, { headers: asOwner })).json()).analyses?.[0]?.id;
    if (!owned.history) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  owned.batch = (await post("/api/v1/batch/process", { items: [{ task: "multilingual", content: "Owner's batch" }] })).id;
  owned.job = owned.batch;
  owned.key = owner.keyId;
  owned.webhookSecret = (await (await fetch(`${h.baseUrl}/api/v1/webhooks/secret`, { headers: asOwner })).json()).secret;
});
test.afterAll(async () => {
  await stopHardenedServers();
});

test("another user's key and session get 404 for every owner-scoped resource, and never its data", async () => {
  const callers = {
    key: { authorization: `Bearer ${other.key}` },
    session: { cookie: other.jar.header(), ...sameOrigin(h.baseUrl) },
  };
  const probes: [string, string][] = [
    ["GET", `/api/v1/history/${owned.history}`],
    ["GET", `/api/v1/history/${owned.history}/image`],
    ["DELETE", `/api/v1/history/${owned.history}`],
    ["GET", `/api/v1/batch/${owned.batch}`],
    ["DELETE", `/api/v1/batch/${owned.batch}`],
    ["GET", `/api/v1/jobs/${owned.job}`],
    ["PATCH", `/api/v1/keys/${owned.key}`],
    ["DELETE", `/api/v1/keys/${owned.key}`],
  ];
  for (const [caller, headers] of Object.entries(callers)) {
    for (const [method, path] of probes) {
      if (caller === "key" && path.startsWith("/api/v1/keys")) continue; // keys are managed by session only (403 for keys)
      const response = await fetch(`${h.baseUrl}${path}`, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        body: method === "PATCH" ? JSON.stringify({ name: "taken over" }) : undefined,
      });
      checks++;
      const text = await response.text();
      expect(response.status, `${caller} ${method} ${path}: ${text}`).toBe(404);
      expect(text).not.toContain("Owner's");
    }
    // Lists and per-user documents hold only the caller's own things.
    for (const path of [
      "/api/v1/history",
      "/api/v1/batch",
      "/api/v1/jobs",
      "/api/v1/usage",
      "/api/v1/webhooks/secret",
      ...(caller === "session" ? ["/api/v1/keys"] : []),
    ]) {
      const text = await (await fetch(`${h.baseUrl}${path}`, { headers })).text();
      checks++;
      for (const value of [owned.history, owned.batch, owned.key, owned.webhookSecret, "Owner's", owner.email])
        expect(text, `${caller} ${path}`).not.toContain(value);
    }
    expect((await fetch(`${h.baseUrl}/api/v1/usage/all`, { headers })).status).toBe(403);
  }
  // The owner's things are all still there and unchanged.
  const asOwner = { authorization: `Bearer ${owner.key}` };
  expect((await fetch(`${h.baseUrl}/api/v1/history/${owned.history}`, { headers: asOwner })).status).toBe(200);
  expect((await fetch(`${h.baseUrl}/api/v1/batch/${owned.batch}`, { headers: asOwner })).status).toBe(200);
});

test("cookie-authenticated writes and server actions from another origin are refused", async () => {
  const session = { cookie: owner.jar.header(), "content-type": "application/json" };
  const crossSite: Record<string, string>[] = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { "sec-fetch-site": "same-site" },
    { origin: "null" },
  ];
  const writes: [string, string, unknown][] = [
    ["POST", "/api/v1/keys", { name: "csrf", scopes: ["analyze"] }],
    ["PATCH", `/api/v1/keys/${owner.keyId}`, { name: "csrf" }],
    ["DELETE", `/api/v1/history/${owned.history}`, undefined],
    ["POST", "/api/v1/webhooks/secret", undefined],
    ["POST", "/api/v1/analyze/multilingual", { content: "csrf" }],
    ["POST", "/api/v1/batch/process", { items: [{ task: "multilingual", content: "csrf" }] }],
  ];
  for (const headers of crossSite) {
    for (const [method, path, body] of writes) {
      const response = await fetch(`${h.baseUrl}${path}`, {
        method,
        headers: { ...session, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      checks++;
      expect(response.status, `${method} ${path} with ${JSON.stringify(headers)}`).toBe(403);
    }
  }
  const keys = await (await fetch(`${h.baseUrl}/api/v1/keys`, { headers: session })).text();
  expect(keys).not.toContain('"csrf"');

  // Server actions: the sign-up form posted as a browser without JavaScript posts it (its hidden action
  // fields and the form's fields), from another origin and, as the control, from the site itself.
  const signUpByForm = async (email: string, origin: string) => {
    const html = await (await fetch(`${h.baseUrl}/signup`)).text();
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? "").replaceAll("&quot;", '"')]),
    );
    expect(
      Object.keys(hidden).some((name) => name.startsWith("$ACTION_")),
      "the sign-up form is a server action",
    ).toBe(true);
    const form = new FormData();
    for (const [name, value] of Object.entries(hidden)) form.set(name, value);
    form.set("email", email);
    form.set("password", "correct horse battery staple");
    checks++;
    return fetch(`${h.baseUrl}/signup`, { method: "POST", headers: { origin, cookie: owner.jar.header() }, body: form, redirect: "manual" });
  };
  const accountExists = async (email: string) =>
    (
      await fetch(`${h.baseUrl}/api/v1/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "correct horse battery staple" }),
      })
    ).status === 409;
  const stamp = Date.now();
  const crossOrigin = await signUpByForm(`csrf-${stamp}@example.test`, "https://evil.example");
  // proxy.ts refuses it before the action runs, as a 403 problem (Next's own refusal would be a 500).
  expect(crossOrigin.status).toBe(403);
  expect(crossOrigin.headers.get("content-type")).toContain("application/problem+json");
  expect(await accountExists(`csrf-${stamp}@example.test`)).toBe(false);
  const fromTheSite = await signUpByForm(`same-${stamp}@example.test`, h.baseUrl);
  expect(fromTheSite.status).toBeLessThan(400);
  expect(await accountExists(`same-${stamp}@example.test`)).toBe(true);
});

test("signing in issues a new session id: a planted or guest session token is never kept", async () => {
  const jar = new CookieJar();
  const guest = await fetch(`${h.baseUrl}/api/auth/guest?redirectUrl=/analyze`, { redirect: "manual" });
  jar.store(guest);
  const guestToken = /authjs\.session-token=([^;]+)/.exec(jar.header())?.[1];
  expect(guestToken).toBeTruthy();
  const csrf = await fetch(`${h.baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${h.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${jar.header()}` },
    body: new URLSearchParams({ csrfToken, email: other.email, password: other.password }),
  });
  jar.store(signIn);
  const signedInToken = /authjs\.session-token=([^;]+)/.exec(jar.header())?.[1];
  checks++;
  expect(signedInToken).toBeTruthy();
  expect(signedInToken).not.toBe(guestToken);
  // The old guest token does not become the account's session.
  const me = await (await fetch(`${h.baseUrl}/api/v1/keys`, { headers: { cookie: `authjs.session-token=${guestToken}` } })).json();
  expect(JSON.stringify(me)).not.toContain(other.keyId);
  // A planted, made-up token is not a session at all.
  const planted = await fetch(`${h.baseUrl}/api/v1/keys`, { headers: { cookie: "authjs.session-token=attacker-chosen-value" } });
  expect(planted.status).toBe(401);
});

test("key checks take as long for a malformed key, an unknown prefix and a revoked key", async () => {
  const victim = await createAccount(h.baseUrl, "hardening-timing@example.test", ["analyze"]);
  await fetch(`${h.baseUrl}/api/v1/keys/${victim.keyId}`, { method: "DELETE", headers: { cookie: victim.jar.header(), ...sameOrigin(h.baseUrl) } });
  const unknown = `${victim.key.slice(0, 3)}${"x".repeat(victim.key.length - 3)}`;
  const kinds: Record<string, string> = { malformed: "not-a-key", unknown, revoked: victim.key };
  const times: Record<string, number[]> = { malformed: [], unknown: [], revoked: [] };
  for (let round = 0; round < 25; round++) {
    for (const [kind, key] of Object.entries(kinds)) {
      const startedAt = performance.now();
      const response = await fetch(`${h.baseUrl}/api/v1/history`, { headers: { authorization: `Bearer ${key}` } });
      await response.text();
      times[kind].push(performance.now() - startedAt);
      expect(response.status).toBe(401);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const medians = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
  checks++;
  // A hash compare against a found key costs microseconds; a distinguishable path (a database hit or an
  // argon2 for one kind only) costs milliseconds. Tolerance: 5 ms or 50% of the fastest median, for a shared CPU.
  expect(spread, JSON.stringify(medians)).toBeLessThan(Math.max(5, 0.5 * Math.min(...Object.values(medians))));
});

test("secrets are absent from the logs and from every answer", async () => {
  const secrets = {
    AUTH_SECRET: h.authSecret,
    "owner key": owner.key,
    "other key": other.key,
    "owner password": owner.password,
    "other password": other.password,
    "webhook secret": owned.webhookSecret,
  };
  const asOwner = { authorization: `Bearer ${owner.key}` };
  const answers: string[] = [];
  for (const path of [
    "/api/v1/history",
    "/api/v1/batch",
    "/api/v1/jobs",
    "/api/v1/usage",
    "/api/v1/usage/all",
    "/api/openapi.json",
    "/api/health",
    "/api/ready",
    "/v2",
    `/api/v1/batch/${owned.batch}`,
  ]) {
    answers.push(await (await fetch(`${h.baseUrl}${path}`, { headers: asOwner })).text());
  }
  answers.push(await (await fetch(`${h.baseUrl}/api/v1/keys`, { headers: { cookie: owner.jar.header() } })).text());
  // Failures too: a failed sign-in, a failed sign-up for an existing e-mail, a bad key.
  answers.push(
    await (
      await fetch(`${h.baseUrl}/api/v1/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      })
    ).text(),
  );
  answers.push(await (await fetch(`${h.baseUrl}/api/v1/history`, { headers: { authorization: `Bearer ${owner.key}x` } })).text());
  const logs = h.server.output();
  expect(logs.length).toBeGreaterThan(1000);
  for (const [name, secret] of Object.entries(secrets)) {
    checks++;
    expect(secret.length).toBeGreaterThan(8);
    expect(logs.includes(secret), `${name} in the server log`).toBe(false);
    for (const answer of answers) expect(answer.includes(secret), `${name} in an answer`).toBe(false);
  }
  expect(logs).not.toMatch(/\$argon2id\$/);
});

const pages = [
  "/",
  "/benchmarks",
  "/docs",
  "/docs/errors",
  "/signin",
  "/signup",
  "/analyze",
  "/documents",
  "/languages",
  "/safety",
  "/history",
  "/keys",
  "/usage",
  "/batch",
  "/admin",
];

test("every page carries CSP, frame-ancestors, nosniff and a referrer policy, and loads in Chromium without a CSP violation", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: h.baseUrl });
  await context.addCookies(
    owner.jar
      .header()
      .split("; ")
      .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: h.baseUrl })),
  );
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of pages) {
    // "load", not "networkidle": the dashboard and job pages poll, so the network may never go idle.
    const response = await page.goto(path, { waitUntil: "load" });
    checks++;
    expect(response?.status(), path).toBeLessThan(400);
    const headers = (await response!.allHeaders()) as Record<string, string>;
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    // The page hydrated (its scripts ran under the policy): Next's router is there.
    await page.waitForFunction(() => typeof (window as unknown as { next?: unknown }).next === "object", undefined, { timeout: 30_000 });
  }
  expect(violations).toEqual([]);
  // API answers carry nosniff too.
  expect((await fetch(`${h.baseUrl}/api/health`)).headers.get("x-content-type-options")).toBe("nosniff");
  await context.close();
  writeReadmeCount(
    "security",
    `${checks} checks (owner-scoped routes × another user's key and session, CSRF, session fixation, key timing, secrets, ${pages.length} pages' headers and CSP); 0 failed`,
  );
});
