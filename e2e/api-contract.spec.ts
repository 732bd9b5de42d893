import { expect, test } from "@playwright/test";
import { createApiClient } from "../lib/api-client/api";
import { createKey, signUpAndSignIn } from "./accounts-client";

// The API contract as a client sees it: the OpenAPI document served, the generated typed client
// against real endpoints, problem types that lead to their explanation, and the docs page offline.

test("the typed client (generated from /api/openapi.json) calls three endpoints and reads a problem", async ({ baseURL, request }) => {
  const document = await (await request.get("/api/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/analyze/image-text", "/api/v1/batch/process", "/v2/models/{name}/infer"]));

  const jar = await signUpAndSignIn(baseURL!, "typed-client@example.test", "typed client passphrase");
  const { key } = await createKey(baseURL!, jar, ["analyze", "safety"]);
  const api = createApiClient({ baseUrl: baseURL, headers: { authorization: `Bearer ${key}` } });

  const models = await api.GET("/api/v1/models");
  expect(models.response.status).toBe(200);
  expect(models.data?.models.some((m) => m.available && m.task === "image-classification")).toBe(true);

  const languages = await api.POST("/api/v1/analyze/multilingual", { body: { content: "Guten Morgen, wie geht es Ihnen heute? Ich hoffe, gut." } });
  expect(languages.response.status).toBe(200);
  expect(languages.data?.language?.language).toBe("de");

  const history = await api.GET("/api/v1/history", { params: { query: { limit: 5 } } });
  expect(history.response.status).toBe(200);
  expect(history.data?.analyses[0]?.kind).toBe("multilingual");

  // A problem: typed as the Problem schema, and its `type` leads to the entry that explains it.
  const bad = await api.POST("/api/v1/evaluate/safety", { body: { content_type: "nonsense" } as never });
  expect(bad.response.status).toBe(400);
  expect(bad.response.headers.get("content-type")).toContain("application/problem+json");
  const problem = bad.error as { type: string; code: string; errors: { field: string }[] };
  expect(problem.code).toBe("invalid_input");
  expect(problem.errors.map((e) => e.field)).toContain("content_type");
  const [page, anchor] = problem.type.split("#");
  const explained = await (await request.get(page)).text();
  expect(explained).toContain(`id="${anchor}"`);
});

test("a method a route does not have: 405 problem+json with Allow, on the API and the inference protocol", async ({ request }) => {
  for (const [method, path, allow] of [
    ["PUT", "/api/v1/history", "GET, HEAD, OPTIONS"],
    ["GET", "/api/v1/batch/process", "OPTIONS, POST"],
    ["DELETE", "/v2/models/mobilenetv2/infer", "OPTIONS, POST"],
  ]) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(405);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(response.headers().allow).toBe(allow);
    expect(await response.json()).toMatchObject({ code: "method_not_allowed", status: 405 });
  }
  // Allowed methods still reach their routes (here, the route's own 401 for a missing key).
  expect((await request.fetch("/api/v1/history", { method: "GET" })).status()).toBe(401);
  expect((await request.fetch("/api/v1/history", { method: "OPTIONS" })).status()).toBe(204);
});

test("/docs renders the API reference in Chromium with no request leaving the machine", async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) outside.push(r.url());
  });
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  // Swagger UI, bundled, has fetched /api/openapi.json and drawn the operations.
  await expect(page.locator("#operations-Analyze-analyzeImageText")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("#operations-Batch-submitBatch")).toBeVisible();
  await expect(page.locator("#operations-Analyze-analyzeImageText")).toContainText("/api/v1/analyze/image-text");
  await expect(page.locator("#operations-Open_Inference_Protocol_v2-oipInfer")).toBeVisible();
  await expect(page.getByTestId("docs-quickstart")).toContainText("/api/v1/keys");
  await page.goto("/docs/errors#rate_limited");
  await expect(page.locator("#rate_limited")).toContainText("Retry-After");
  expect(outside).toEqual([]);
});
