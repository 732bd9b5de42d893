import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createKey, signUpAndSignIn } from "../../e2e/accounts-client";
import { startServer, waitUntilReady, type ServerProcess } from "../../e2e/server-process";
import type { BatchingSwitch } from "../../lib/benchmarks/load/load-run-schema";

/**
 * The benchmark's server: the production build started as `npm start` does (scripts/start.mjs, like
 * playwright.config.ts), on a fresh DATA_DIR with the embedded PGlite, with a signed-up account and
 * an API key. Rate limits are raised for this server only (RATE_LIMITS), so no benchmark request
 * is refused for quota; nothing else of the instance's configuration changes.
 */

const UNLIMITED = { minute: { quota: 10_000_000, windowSeconds: 60 }, day: { quota: 10_000_000, windowSeconds: 86_400 } };

/** What the benchmark server is started with beyond PORT, HOSTNAME and DATA_DIR (recorded in the run). */
export function benchServerEnv(batching: BatchingSwitch): Record<string, string> {
  return {
    // The global switch of the dynamic batcher (issue 13); a build without it ignores the variable.
    INFERENCE_BATCHING: batching,
    RATE_LIMITS: JSON.stringify({ anonymous: UNLIMITED, guest: UNLIMITED, free: UNLIMITED, pro: UNLIMITED }),
    // Nothing else may compete for the CPU: no start-up benchmark, no variant production, no queue work.
    BENCHMARK_ON_START: "0",
    MODEL_LAB_RECIPES: "none",
    WORK_QUEUE: "0",
    LOG_LEVEL: "warn",
    DATABASE_URL: "",
  };
}

export interface BenchServer {
  baseUrl: string;
  /** The `npm start` wrapper's pid: the root of the process tree whose CPU and RSS are read. */
  pid: number;
  apiKey: string;
  stop(): Promise<void>;
}

export async function startBenchServer({
  port,
  batching,
  extraEnv = {},
}: {
  port: number;
  batching: BatchingSwitch;
  extraEnv?: Record<string, string>;
}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-bench-load-"));
  const modelCacheDir = process.env.MODEL_CACHE_DIR ?? path.resolve("node_modules", ".cache", "insight-engine-bench-models");
  const server: ServerProcess & { pid?: number } = startServer(
    { ...benchServerEnv(batching), ...extraEnv, DATA_DIR: dataDir, MODEL_CACHE_DIR: modelCacheDir },
    port,
  );
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(server, 180_000);
    const jar = await signUpAndSignIn(server.baseUrl, "bench-load@example.test", "a long enough benchmark passphrase");
    const { key } = await createKey(server.baseUrl, jar, ["analyze", "safety"]);
    if (!server.pid) throw new Error("the server process has no pid");
    return { baseUrl: server.baseUrl, pid: server.pid, apiKey: key, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
