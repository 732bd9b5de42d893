import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startServer, waitUntilReady, type ServerProcess } from "./server-process";

// A load run stored in an instance's database (as `npm run bench:load` stores it) is what
// GET /api/v1/benchmarks/load answers and what /benchmarks shows. The run is stored before the server
// starts (a PGlite folder belongs to one process), then the production build is started on that folder.
const port = Number(process.env.E2E_PORT || 3210) + 1;
let dataDir: string;
let server: ServerProcess;
let storedId: string;

test.describe
  .serial("load benchmark on the dashboard", () => {
    test.beforeAll(async () => {
      test.setTimeout(240_000);
      dataDir = mkdtempSync(path.join(tmpdir(), "ie-e2e-load-"));
      const store = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "e2e/store-sample-load-run.ts"], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(store.status, store.stderr).toBe(0);
      storedId = store.stdout.trim().split("\n").at(-1) ?? "";
      server = startServer({ DATA_DIR: dataDir, DATABASE_URL: "", MODEL_LAB_RECIPES: "none", WORK_QUEUE: "0" }, port);
      await waitUntilReady(server, 180_000);
    });

    test.afterAll(async () => {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test("the API answers the stored run in snake_case", async ({ request }) => {
      const response = await request.get(`${server.baseUrl}/api/v1/benchmarks/load`);
      expect(response.status()).toBe(200);
      const { latest } = await response.json();
      expect(latest.id).toBe(storedId);
      expect(latest.machine.cpu_model).toBe("Test CPU");
      expect(latest.cells).toHaveLength(4);
      expect(latest.machine_limits.find((l: { route: string; batching: string }) => l.route === "image-text-all" && l.batching === "on").limit_rps).toBe(3.54);
    });

    test("/benchmarks shows the run's machine, table and chart", async ({ page }) => {
      await page.goto(`${server.baseUrl}/benchmarks`);
      const card = page.getByTestId("load-benchmark");
      await expect(card).toContainText("Serving under load");
      await expect(card).toContainText("Test CPU (2 cores; avx2, avx512_vnni)");
      const rows = card.getByTestId("load-benchmark-table").locator("tbody tr");
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(1)).toContainText("503×6");
      await expect(rows.nth(0)).toContainText("3.54 req/s");
      await expect(card.locator(".recharts-bar-rectangle").first()).toBeVisible();
    });
  });
