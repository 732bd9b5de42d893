import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { TEST_AUTH_LIMITS } from "./e2e/test-auth-limits";
import { MONITORING_TOKEN } from "./e2e/monitoring-token";

// The suite runs against the production build (`next build` runs first in `npm run test:e2e`)
// served by `npm start` on a fresh embedded database, exactly as a user would start it.
const port = Number(process.env.E2E_PORT || 3210);
const dataDir = process.env.E2E_DATA_DIR || mkdtempSync(path.join(tmpdir(), "ie-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: dataDir,
      MODEL_CACHE_DIR: path.resolve("node_modules", ".cache", "insight-engine-e2e-models"),
      // The start-up model lab produces two quick YOLOX variants (int8, pruned) so the dashboard compares
      // real variants; the slow OCR recipes (minutes each) are left to a normal start.
      MODEL_LAB_RECIPES: "yolox-nano-int8-static,yolox-nano-pruned-magnitude",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      // The specs sign up, sign in and start guests for dozens of accounts from 127.0.0.1: the per-address
      // limits on those (lib/rate-limit/plans.ts) are raised here; e2e/security/ runs its own server with the defaults.
      AUTH_LIMITS: TEST_AUTH_LIMITS,
      // Metrics and readiness details are the operator's: the suite scrapes with this token (e2e/monitoring-token.ts).
      METRICS_TOKEN: MONITORING_TOKEN,
    },
  },
});
