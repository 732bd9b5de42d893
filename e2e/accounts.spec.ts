import { expect, test } from "@playwright/test";
import { runReadmeQuickstart } from "./accounts-client";

// Accounts in the browser and from a script: the README's curl path, sign-up/in/out, keys shown once
// and revoked, a guest who signs up keeping their work, usage and history pages.

const password = "correct horse battery staple";

test("the README's quick start runs as written: sign up, sign in, create a key, call the API", async ({ baseURL }) => {
  const run = runReadmeQuickstart(baseURL!);
  expect(run.status, run.stderr).toBe(0);
  // Its last answer is the language analysis made with the new key.
  const answer = JSON.parse(run.stdout.slice(run.stdout.indexOf('{"language":{')));
  expect(answer.language.language).toBe("en");
  expect(answer.segments.map((s: { language: string }) => s.language)).toEqual(["de", "en"]);
});

test("a guest tries a tool, signs up, keeps the analysis, creates a key shown once, revokes it, signs out and in", async ({ page, request }) => {
  const email = `e2e-${Date.now()}@example.test`;
  await page.goto("/languages");
  await expect(page.getByTestId("account-menu")).toContainText("Guest");
  await page.getByLabel("Text to analyse").fill("Bonjour à tous, je voudrais réserver une table pour ce soir.");
  await page.getByTestId("analyze-button").click();
  await expect(page.getByTestId("language-result")).toBeVisible({ timeout: 30_000 });

  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  // The browser's own minlength check stops a short password before it is sent.
  await expect(page).toHaveURL(/\/signup/);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/keys/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  await page.goto("/history");
  await expect(page.getByTestId("history-item").first()).toContainText("Bonjour à tous");

  await page.goto("/keys");
  await page.getByLabel("Name").fill("browser-made key");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-key-value").textContent())!.trim();
  expect(key).toMatch(/^ie_/);
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(page.getByTestId("keys-table")).not.toContainText(key);
  const call = () => request.post("/api/v1/analyze/multilingual", { headers: { authorization: `Bearer ${key}` }, data: { content: "Hej, hur mår du idag?" } });
  expect((await call()).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke browser-made key" }).click();
  await expect(page.getByTestId("key-row")).toContainText("revoked");
  const refused = await call();
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");

  await page.goto("/usage");
  await expect(page.getByTestId("usage-totals")).toContainText("Requests");
  await expect(page.getByTestId("usage-by-route")).toContainText("POST /api/v1/analyze/multilingual");
  await expect(page.getByTestId("chart").first()).toBeVisible();

  await page.getByTestId("account-menu-disclosure").locator("summary").click(); // sign-out sits in the account menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("auth-error")).toContainText("not right");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
});

test("browsing the public pages makes no guest session (the header's prefetched links do not either)", async ({ page, context }) => {
  for (const path of ["/", "/benchmarks"]) {
    await page.goto(path);
    // Give the header's links time to be prefetched (the dashboard refreshes itself, so the network never idles).
    await page.waitForTimeout(2_000);
  }
  expect((await context.cookies()).map((c) => c.name)).not.toContain("authjs.session-token");
  await expect(page.getByTestId("account-menu")).not.toContainText("Guest");
  // A real visit to a tool page does start one.
  await page.getByRole("link", { name: "Languages" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Guest");
  expect((await context.cookies()).map((c) => c.name)).toContain("authjs.session-token");
});

test("account pages ask a visitor to sign up; the API answers 401 without credentials", async ({ page, request }) => {
  for (const path of ["/keys", "/usage", "/admin"]) {
    await page.goto(path);
    await expect(page.getByTestId("account-required")).toBeVisible();
  }
  const anonymous = await request.post("/api/v1/analyze/multilingual", { data: { content: "hello there" } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["ratelimit-policy"]).toContain('"minute"');
});
