/**
 * `npm run screenshots`: the landing, analyze (with a real result) and benchmarks pages at 1280 px and
 * 390 px, taken by Debian's Chromium from the production build on a fresh embedded database, into
 * docs/screenshots/ (PNG). Needs `npm run build` first and the evaluation photos (../shared/eval or
 * EVAL_DATA_DIR) for the analyze result. SCREENSHOTS_PORT (default 3290) and CHROMIUM_PATH apply.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import sharp from "sharp";

const port = Number(process.env.SCREENSHOTS_PORT || 3290);
const base = `http://127.0.0.1:${port}`;
const outDir = path.resolve("docs", "screenshots");
const evalDir = process.env.EVAL_DATA_DIR ? path.resolve(process.env.EVAL_DATA_DIR) : path.resolve("..", "shared", "eval");
const photo = path.join(evalDir, "images", "photos", "coral_pets.jpg");
// A fresh instance measures its variants after start-up: minutes on a busy 2-core machine.
const FIGURES_WAIT_MS = 600_000;

// Named by width (landing-1280.png, landing-390.png, …): the README links these exact files.
const widths = [
  { name: "1280", width: 1280, height: 800 },
  { name: "390", width: 390, height: 844 },
] as const;

function startServer(dataDir: string): ChildProcess {
  // The same settings as the e2e suite's server (playwright.config.ts): two quick lab variants so the
  // benchmarks page compares real fp32, int8 and pruned models.
  return spawn(process.execPath, ["scripts/start.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      MODEL_CACHE_DIR: path.resolve("node_modules", ".cache", "insight-engine-e2e-models"),
      MODEL_LAB_RECIPES: "yolox-nano-int8-static,yolox-nano-pruned-magnitude",
      LOG_LEVEL: "warn",
    },
  });
}

async function waitUntilReady(timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the server on ${base} was not ready within ${timeoutMs / 1000} s`);
}

async function shoot(page: Page, name: string, fullPage = false) {
  const file = path.join(outDir, `${name}.png`);
  const raw = await page.screenshot({ fullPage, animations: "disabled", caret: "hide" });
  // A 256-colour palette keeps text crisp and a photo recognisable at a third of the size (the README embeds six).
  await sharp(raw).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toFile(file);
  console.log(`${path.relative(process.cwd(), file)}  ${Math.round(statSync(file).size / 1024)} KB`);
}

async function landing(page: Page, size: (typeof widths)[number]) {
  await page.goto(base);
  await page.waitForLoadState("load");
  await page.waitForTimeout(1_500);
  await shoot(page, `landing-${size.name}`);
}

async function analyze(page: Page, size: (typeof widths)[number]) {
  await page.goto(`${base}/analyze`);
  await page.getByTestId("drop-zone-input").setInputFiles(photo);
  await page.getByTestId("caption").fill("Two dogs lying on the grass");
  await page.getByTestId("analyze-button").click();
  await page.getByTestId("results").waitFor({ timeout: 90_000 });
  await page.waitForTimeout(500);
  // One screen, not the whole (long) page: on a wide screen the top (form beside the boxes), on a
  // phone the boxes, which sit below the form.
  if (size.width < 1024) await page.getByTestId("detection-overlay").scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, `analyze-${size.name}`);
}

async function benchmarks(page: Page, size: (typeof widths)[number]) {
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    await page.goto(`${base}/benchmarks`);
    const hasSummary = await page.getByTestId("summary-size").isVisible();
    // Best once every variant is measured (no run under way); past the deadline, any comparison will do.
    if (hasSummary && !(await page.getByTestId("benchmark-running").isVisible())) break;
    if (Date.now() > deadline) {
      if (hasSummary) break;
      throw new Error("the benchmarks page had no headline comparison in time");
    }
    await page.waitForTimeout(5_000);
  }
  await page.waitForTimeout(1_000);
  await shoot(page, `benchmarks-${size.name}`);
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  if (!existsSync(photo)) throw new Error(`the analyze screenshot needs ${photo} (set EVAL_DATA_DIR)`);
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-screenshots-"));
  const server = startServer(dataDir);
  const browser = await chromium.launch({
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
  });
  try {
    await waitUntilReady();
    for (const size of widths) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await landing(page, size);
      await analyze(page, size);
      await benchmarks(page, size);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
