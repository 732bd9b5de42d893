import { expect, test, type Page } from "@playwright/test";
import { evalDataDir, evalPhoto } from "./eval-data";

// The webServer starts on a fresh database with BENCHMARK_ON_START=1: a real quick benchmark runs in
// the background after start-up. These tests wait for its first figures, reloading as a visitor would.
const FIRST_FIGURES_WAIT_MS = 150_000;

// The API's snake_case (the dashboard itself reads the same figures in camelCase, server-side).
interface BenchmarksAnswer {
  latest: { model_id: string; family: string; variant: string; performance: { latency: { threads: number; batch_size: number }[] } }[];
  runs: { machine: Record<string, unknown>; fingerprint: string; results: unknown[] }[];
  machine_fingerprint: string | null;
  running: boolean;
}

async function benchmarks(page: Page): Promise<BenchmarksAnswer> {
  const response = await page.request.get("/api/v1/benchmarks");
  expect(response.status()).toBe(200);
  return response.json();
}

/** Reloads /benchmarks until the latency-size chart has dots; every page on the way must say what is happening. */
async function waitForFigures(page: Page) {
  const deadline = Date.now() + FIRST_FIGURES_WAIT_MS;
  for (;;) {
    await page.goto("/benchmarks");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Benchmarks");
    const dots = page.locator('[data-chart="latency-size"] .recharts-scatter-symbol');
    // The charts draw in the browser after the page arrives: give them a moment before deciding.
    await dots
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    if ((await dots.count()) > 0 && (await page.getByTestId("machine").isVisible())) return;
    // Never an empty dashboard: without figures the page says what is going on instead (a run, the lab's jobs, or why nothing).
    await expect(
      page
        .getByTestId("benchmark-running")
        .or(page.getByTestId("lab-jobs"))
        .or(page.getByTestId("benchmark-empty"))
        .or(page.getByTestId("benchmark-unmeasured"))
        .first(),
    ).toBeVisible();
    if (Date.now() > deadline) throw new Error(`no benchmark figures on /benchmarks after ${FIRST_FIGURES_WAIT_MS / 1000} s`);
    await page.waitForTimeout(5_000);
  }
}

test.describe("benchmark dashboard", () => {
  test("shows charts, headlines, every figure and the machine from a real run", async ({ page }) => {
    test.setTimeout(FIRST_FIGURES_WAIT_MS + 60_000);
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await waitForFigures(page);

    // Results only accumulate, so whatever the API listed before this load is on the page.
    const before = await benchmarks(page);
    await page.reload();
    expect(before.latest.length).toBeGreaterThan(0);
    const rows = page.getByTestId("result-row");
    expect(await rows.count()).toBeGreaterThanOrEqual(before.latest.length);
    for (const result of before.latest) {
      await expect(page.locator(`[data-testid=result-row][data-model="${result.model_id}"]`)).toBeVisible();
      await expect(page.getByTestId("latency-size-key")).toContainText(result.model_id);
    }
    const measuredAtOneThread = before.latest.filter((r) => r.performance.latency.some((l) => l.threads === 1 && l.batch_size === 1));
    expect(await page.locator('[data-chart="latency-size"] .recharts-scatter-symbol').count()).toBeGreaterThanOrEqual(measuredAtOneThread.length);

    const families = new Set(before.latest.map((r) => r.family));
    expect(await page.getByTestId("family-summary").count()).toBeGreaterThanOrEqual(families.size);
    await expect(page.locator('[data-chart^="percentiles-"] .recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.locator('[data-chart^="history-"] .recharts-line-dot').first()).toBeVisible();
    for (const figure of await page.getByTestId("chart").all()) {
      await expect(figure.locator("figcaption")).not.toBeEmpty();
    }

    const run = before.runs.find((r) => r.results.length > 0 && r.fingerprint === before.machine_fingerprint) ?? before.runs[0];
    const machine = run.machine;
    await expect(page.getByTestId("machine-cpu")).toHaveText(String(machine.cpu_model));
    // What the int8 kernels did on this CPU and the remedy, and the fingerprint figures are grouped by.
    await expect(page.getByTestId("machine-int8-kernels")).toContainText(/exact \(VNNI or AMX\)|saturate/);
    await expect(page.getByTestId("machine-fingerprint")).toHaveText(run.fingerprint);
    await expect(page.getByTestId("instance-int8")).toContainText("saturation guard");
    await expect(page.getByTestId("machine-onnx-runtime")).toContainText(String(machine.onnxruntime_version));
    await expect(page.getByTestId("machine-node-js")).toHaveText(String(machine.node_version));
    if (before.latest.some((r) => r.variant === "pruned")) await expect(page.getByTestId("pruning-note").first()).toContainText("unstructured sparsity");
    if (before.running) await expect(page.getByTestId("benchmark-running")).toContainText("updates itself");
    expect(consoleErrors).toEqual([]);
  });

  test("fits a phone-sized screen", async ({ page }) => {
    test.setTimeout(FIRST_FIGURES_WAIT_MS + 60_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForFigures(page);
    const overflowPx = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflowPx).toBeLessThanOrEqual(0);
    await expect(page.getByTestId("chart").first()).toBeVisible();
  });

  test.describe("compare view", () => {
    test.skip(!evalDataDir, "needs the eval photos in ../shared/eval");

    test("the compare endpoint is there and asks a visitor without a session to authenticate", async ({ page }) => {
      // The route exists on every build: a missing or broken one must fail here, never be skipped.
      const probe = await page.request.post("/api/v1/compare/models", { data: {} });
      expect(probe.status()).toBe(401);
      expect(probe.headers()["content-type"]).toContain("application/problem+json");
      expect((await probe.json()).code).toBe("unauthorized");
    });

    test("runs a photo through each variant side by side (a visitor continues as a guest first)", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto("/benchmarks");
      await page.getByTestId("compare-drop-zone-input").setInputFiles(evalPhoto("coral_pets.jpg"));
      await page.getByTestId("compare-button").click();
      // Comparing runs models on the server: a visitor without a session is offered a guest session.
      await page.getByTestId("continue-as-guest").click();
      await expect(page).toHaveURL(/\/benchmarks$/);
      await page.getByTestId("compare-drop-zone-input").setInputFiles(evalPhoto("coral_pets.jpg"));
      await expect(page.getByTestId("compare-chosen-file")).toContainText("coral_pets.jpg");
      await page.getByTestId("compare-button").click();
      await expect(page.getByTestId("compare-results")).toBeVisible({ timeout: 90_000 });

      const fp32 = page.locator('[data-testid=compared-variant][data-variant="full_precision"]');
      await expect(fp32).toHaveCount(1);
      await expect(fp32.getByTestId("detection-overlay")).toBeVisible();
      await expect(fp32.getByTestId("compare-objects")).toContainText("dog");
      await expect(fp32.getByTestId("compare-latency")).toHaveText(/^\d+(\.\d+)? ms$/);
      for (const card of await page.locator('[data-testid=compared-variant]:not([data-variant="full_precision"])').all()) {
        if ((await card.getByTestId("compare-unavailable").count()) > 0) {
          await expect(card.getByTestId("compare-unavailable")).toContainText("Not available:");
          continue;
        }
        await expect(card.getByTestId("compare-agreement")).toHaveText(/^\d+(\.\d)?%$/);
        await expect(card.getByTestId("detection-overlay")).toBeVisible();
      }
    });

    test("explains a file that is not an image", async ({ page }) => {
      await page.goto("/api/auth/guest?redirectUrl=/benchmarks");
      await page
        .getByTestId("compare-drop-zone-input")
        .setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture") });
      await page.getByTestId("compare-button").click();
      await expect(page.getByTestId("compare").getByTestId("problem")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("compare-results")).toHaveCount(0);
    });
  });
});
