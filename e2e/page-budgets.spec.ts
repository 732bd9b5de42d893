import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readCpuFeatures } from "../lib/inference/read-cpu-features";

function describeMachine() {
  const cpu = readCpuFeatures();
  return `${cpu.model} (${os.cpus().length} cores; ${cpu.flags.join(", ") || "no int8-relevant flags"}), Node ${process.version}`;
}

// Page weight and first load of every public page, measured in the browser on a cold cache (a new
// context per page) against the production build, and held to stated budgets. The figures are
// written to docs/page-budgets.md by this spec, never typed by hand.

/** Budgets with margin over what the pages weigh today (see docs/page-budgets.md for the measured figures). */
const BUDGETS = {
  /** Compressed JavaScript transferred on first load. */
  jsKb: 450,
  /** Compressed CSS transferred on first load. */
  cssKb: 40,
  /** From navigation start to the load event: generous, because the test machine is shared and slow. */
  loadMs: 6_000,
};
// The heavy pages get their own JS budget: the charts library (recharts) is theirs alone.
const JS_BUDGET_KB: Record<string, number> = { "/benchmarks": 650, "/usage": 650, "/admin": 650 };

const PAGES = [
  "/",
  "/analyze",
  "/documents",
  "/languages",
  "/safety",
  "/assistant",
  "/batch",
  "/history",
  "/keys",
  "/usage",
  "/admin",
  "/docs",
  "/benchmarks",
  "/signin",
  "/signup",
];

interface PageFigures {
  path: string;
  jsKb: number;
  cssKb: number;
  requests: number;
  domContentLoadedMs: number;
  loadMs: number;
}

const measured: PageFigures[] = [];

test.describe("page budgets", () => {
  for (const pagePath of PAGES) {
    test(`${pagePath} stays within its weight and first-load budget`, async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(pagePath, { waitUntil: "load" });
        const figures = await page.evaluate(() => {
          const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
          const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
          const bytes = (kind: RegExp) =>
            resources.filter((r) => kind.test(new URL(r.name).pathname)).reduce((sum, r) => sum + (r.transferSize || r.encodedBodySize), 0);
          return {
            js: bytes(/\.js$/),
            css: bytes(/\.css$/),
            requests: resources.length + 1,
            domContentLoadedMs: navigation.domContentLoadedEventEnd - navigation.startTime,
            loadMs: navigation.loadEventEnd - navigation.startTime,
          };
        });
        const row: PageFigures = {
          path: pagePath,
          jsKb: Math.round(figures.js / 1024),
          cssKb: Math.round(figures.css / 1024),
          requests: figures.requests,
          domContentLoadedMs: Math.round(figures.domContentLoadedMs),
          loadMs: Math.round(figures.loadMs),
        };
        measured.push(row);
        // A page that loads no script at all would mean the measurement missed it.
        expect(row.jsKb).toBeGreaterThan(0);
        expect(row.jsKb).toBeLessThanOrEqual(JS_BUDGET_KB[pagePath] ?? BUDGETS.jsKb);
        expect(row.cssKb).toBeLessThanOrEqual(BUDGETS.cssKb);
        expect(row.loadMs).toBeLessThanOrEqual(BUDGETS.loadMs);
      } finally {
        await context.close();
      }
    });
  }

  test.afterAll(() => {
    if (measured.length !== PAGES.length) return; // a partial run (one test picked) does not overwrite the table
    const lines = [
      "# Page weight and first load",
      "",
      "<!-- Written by e2e/page-budgets.spec.ts on every full run of that spec: do not edit by hand. -->",
      "",
      `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC against the production build (\`next start\`, embedded database),`,
      `in Chromium (headless) with a cold cache per page, on ${describeMachine()}.`,
      "Transfer sizes are compressed bytes from the browser's Performance API (JS and CSS files of the first load);",
      "times run from navigation start. The machine is shared with other jobs, so times are upper bounds, not the product's speed.",
      "",
      `Budgets: JS ≤ ${BUDGETS.jsKb} KB (${Object.entries(JS_BUDGET_KB)
        .map(([p, kb]) => `${p} ${kb} KB`)
        .join(", ")}), CSS ≤ ${BUDGETS.cssKb} KB, load ≤ ${BUDGETS.loadMs} ms.`,
      "",
      "| page | JS (KB) | CSS (KB) | requests | DOMContentLoaded (ms) | load (ms) |",
      "|---|---:|---:|---:|---:|---:|",
      ...measured.map((r) => `| \`${r.path}\` | ${r.jsKb} | ${r.cssKb} | ${r.requests} | ${r.domContentLoadedMs} | ${r.loadMs} |`),
      "",
    ];
    mkdirSync(path.resolve("docs"), { recursive: true });
    writeFileSync(path.resolve("docs", "page-budgets.md"), lines.join("\n"));
  });
});
