import { expect, test } from "@playwright/test";
import { monitoringHeaders } from "./monitoring-token";

test("the landing page says what the product is and links to its status", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} ${message.location().url}`);
  });
  await page.goto("/");
  await expect(page.getByTestId("landing-title")).toContainText("Multimodal machine learning");
  await expect(page.getByRole("heading", { name: "What it does" })).toBeVisible();
  await expect(page.getByText("Benchmarks", { exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "/api/ready" }).click();
  await expect(page.locator("body")).toContainText('"ready":true');
  expect(consoleErrors).toEqual([]);
});

test("health, readiness and unknown API routes answer as documented", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe("ok");

  const publicReady = await request.get("/api/ready");
  expect(publicReady.status()).toBe(200);
  expect(await publicReady.json()).toEqual({ ready: true });
  const ready = await request.get("/api/ready", { headers: monitoringHeaders });
  expect(ready.status()).toBe(200);
  const report = await ready.json();
  expect(report.database).toEqual({ ok: true, kind: "pglite" });
  expect(report.migrations.up_to_date).toBe(true);
  expect(report.models.ok).toBe(true);

  for (const [method, url] of [
    ["GET", "/api/does-not-exist"],
    ["POST", "/api/v1/nothing/here"],
    ["DELETE", "/api/v9"],
  ] as const) {
    const response = await request.fetch(url, { method });
    expect(response.status(), `${method} ${url}`).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 404, title: "Not found", code: "not_found" });
    expect(problem.request_id).toBe(response.headers()["x-request-id"]);
  }
});

test("an unknown page renders the not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
