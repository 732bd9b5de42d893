import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own data folder: route handlers open the process-wide database from
// DATA_DIR, and two test workers must never share one PGlite folder (or write into ./data).
const dataDir = mkdtempSync(path.join(tmpdir(), "ie-vitest-"));
process.env.DATA_DIR = dataDir;
// Derived model artefacts (label-vocabulary vectors) and downloads are shared by all test files:
// recomputing them per file would cost seconds each.
process.env.MODEL_CACHE_DIR ??= path.resolve("node_modules", ".cache", "insight-engine-test-models");

afterAll(async () => {
  const global = globalThis as unknown as { insightDb?: Promise<{ close(): Promise<void> }> };
  await global.insightDb?.then((handle) => handle.close()).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});
