import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_AUTH_LIMITS } from "./test-auth-limits";
import { MONITORING_TOKEN, monitoringHeaders } from "./monitoring-token";

/** Starts `npm start` (scripts/start.mjs) as its own process, as a user or an orchestrator would. */
export interface ServerProcess {
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** Sends a signal to the `npm start` wrapper alone (it passes SIGTERM/SIGINT on to `next start`), without waiting. */
  signal(signal: NodeJS.Signals): void;
  /** Kills the whole process group at once (the `next start` child too), as a crash or the OOM killer would. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startServer(env: Record<string, string>, port: number): ServerProcess {
  return startProcess(["scripts/start.mjs"], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, `http://127.0.0.1:${port}`);
}

/**
 * The standalone build's own server (`node <dir>/server.js`, as the container image runs it), started
 * from `dir` with no NODE_PATH, so only the files copied into `dir` can be loaded.
 */
export function startStandaloneServer(dir: string, env: Record<string, string>, port: number): ServerProcess & { pid: number } {
  const server = startProcess([path.join(dir, "server.js")], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, `http://127.0.0.1:${port}`, {
    cwd: dir,
    drop: ["NODE_PATH"],
  });
  return server as ServerProcess & { pid: number };
}

/** `npm run worker`: a process that only works the job queue. */
export function startWorkerProcess(env: Record<string, string>): ServerProcess {
  return startProcess(["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], env, "");
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  baseUrl: string,
  options: { cwd?: string; drop?: string[] } = {},
): ServerProcess & { pid?: number } {
  let output = "";
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    // Whole-process tests are about start-up, restarts and configuration: no start-up benchmark
    // (it would compete for the CPU), and derived model artefacts shared with the other servers.
    LOG_LEVEL: "warn",
    BENCHMARK_ON_START: "0",
    MODEL_CACHE_DIR: path.resolve("node_modules", ".cache", "insight-engine-e2e-models"),
    // Many sign-ups and sign-ins from 127.0.0.1; e2e/security/ passes AUTH_LIMITS: "" for the production defaults.
    AUTH_LIMITS: TEST_AUTH_LIMITS,
    METRICS_TOKEN: MONITORING_TOKEN,
    ...env,
  };
  for (const name of options.drop ?? []) delete fullEnv[name];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: fullEnv,
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a kill reaches `next start` as well as the wrapper.
    detached: true,
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    signal(signal) {
      if (child.exitCode === null) child.kill(signal);
    },
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, signal);
      await exited;
    },
  };
}

/** Polls /api/ready until it answers 200 (or the process exits, or time runs out). */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      // With the monitoring token: the details (database, models, instance) are the operator's.
      const response = await fetch(`${server.baseUrl}/api/ready`, { headers: monitoringHeaders });
      if (response.status === 200) return (await response.json()) as Record<string, unknown>;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${server.baseUrl} never became ready:\n${server.output()}`);
}

/**
 * GET a JSON document. Retries once on a reset connection: Node's fetch reuses keep-alive sockets,
 * and a server may close an idle one just as it is reused (seen between two instances' probes).
 */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<Record<string, unknown> & { status?: never }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await (await fetch(url, { headers })).json()) as Record<string, unknown> & { status?: never };
    } catch (error) {
      if (attempt >= 1) throw error;
    }
  }
}
