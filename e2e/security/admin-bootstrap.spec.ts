import { expect, test } from "@playwright/test";
import { signUpAndSignIn } from "../accounts-client";
import { runAdminCommand } from "../admin-command";
import { signUp, type StrangerServer, sameOrigin, startStrangerServer } from "./stranger-server";

// Issue #19: "The first sign-up on a fresh instance is admin: whoever reaches a new deployment first owns it."
// Replayed: a stranger is first to sign up on a fresh instance. Refusal: the account is a user; only the
// operator's `npm run admin -- --email …` (run here against the running instance's data folder) makes an admin.

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let h: StrangerServer;
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from a destructuring pattern; this hook needs none
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  h = await startStrangerServer(0);
});
test.afterAll(async () => h?.stop());

test("the first sign-up on a fresh instance is no admin; the operator's command makes the owner one", async () => {
  const stranger = await signUp(h.baseUrl, "first-stranger@example.test", "i got here first, so it is mine");
  expect(stranger.status).toBe(201);
  expect(await stranger.json()).toMatchObject({ role: "user", plan: "free" });
  const strangerJar = await signUpAndSignIn(h.baseUrl, "first-stranger@example.test", "i got here first, so it is mine");
  const asStranger = { cookie: strangerJar.header(), ...sameOrigin(h.baseUrl) };
  expect((await fetch(`${h.baseUrl}/api/v1/usage/all`, { headers: asStranger })).status).toBe(403);
  const adminKey = await fetch(`${h.baseUrl}/api/v1/keys`, {
    method: "POST",
    headers: { ...asStranger, "content-type": "application/json" },
    body: JSON.stringify({ name: "mine now", scopes: ["admin", "benchmarks:run"] }),
  });
  expect(adminKey.status).toBeGreaterThanOrEqual(400);
  expect(adminKey.status).toBeLessThan(500);

  // The owner signs up like anyone, then runs the command on the instance's machine.
  expect((await signUp(h.baseUrl, "owner@example.test", "the real owner's passphrase")).status).toBe(201);
  const ownerJar = await signUpAndSignIn(h.baseUrl, "owner@example.test", "the real owner's passphrase");
  const asOwner = { cookie: ownerJar.header(), ...sameOrigin(h.baseUrl) };
  expect((await fetch(`${h.baseUrl}/api/v1/usage/all`, { headers: asOwner })).status).toBe(403);
  const unknown = runAdminCommand("nobody-signed-up@example.test", { DATA_DIR: h.dataDir });
  expect(unknown.status).toBe(1);
  expect(unknown.output).toContain("sign up with it first");
  const made = runAdminCommand("OWNER@example.test", { DATA_DIR: h.dataDir });
  expect(made.output).toContain("owner@example.test is now an admin");
  expect(made.status).toBe(0);
  // Through the running instance's socket: the server kept serving and sees the change (its user cache
  // lasts API_KEY_CACHE_MS, 5 s by default).
  await expect.poll(async () => (await fetch(`${h.baseUrl}/api/v1/usage/all`, { headers: asOwner })).status, { timeout: 15_000 }).toBe(200);
  expect((await fetch(`${h.baseUrl}/api/v1/usage/all`, { headers: asStranger })).status).toBe(403);
});
