import "server-only";
import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { closeDatabase } from "../db/client";
import { getEnv } from "../env";
import { settleAfterResponseWork } from "../after-response";
import { closeRateLimiters } from "../rate-limit/process-limiters";
import { flushAllUsage } from "../usage/usage-buffer";
import { closeInferenceThreads } from "../inference/off-loop/inference-threads";
import { releaseAllSessions } from "../inference/session-pool";
import { stopJobQueue } from "../jobs/job-queue";
import { log } from "../log";
import { closeWorkerPool } from "../workers/js-worker-pool";
import { markShuttingDown } from "./shutdown-state";

/**
 * Graceful shutdown on SIGTERM/SIGINT: one ordered list of steps, each logged with how long it took,
 * all within SHUTDOWN_TIMEOUT_MS. Each step is given the time by which it must be done (the deadline
 * less what the later steps reserve, so closing the database always gets its turn) and bounds itself;
 * the runner also races it, and a backstop timer exits with code 1 should the whole list hang.
 *
 * Why the web server handles the signal itself rather than leaving it to Next: `next start` (Next 16,
 * node_modules/next/dist/server/lib/start-server.js) answers SIGTERM/SIGINT by closing its HTTP server
 * at once, waiting for open connections, closing its request handler and exiting with 143/130. It
 * neither turns readiness false before the listener closes (a load balancer keeps sending requests
 * that are then refused) nor stops the job queue, ONNX sessions or PGlite (whose data folder must be
 * closed cleanly), and its exit races any handler of ours. With NEXT_MANUAL_SIG_HANDLE set it
 * registers no handler at all, so scripts/start.mjs sets it and preloads
 * scripts/expose-http-server.mjs, which records Next's http.Server so the "http" step can close it;
 * instrumentation (start-instance.ts) installs the handler. `next dev` keeps Next's own handling.
 */

export interface ShutdownStep {
  name: string;
  /** Time kept free for this step by the steps before it. */
  reserveMs?: number;
  run(untilMs: number): Promise<void>;
}

const globalForShutdown = globalThis as unknown as { insightShutdownInstalled?: boolean; insightHttpServers?: Set<Server> };

export async function runShutdown({
  signal,
  steps,
  timeoutMs,
  exit = (code) => process.exit(code),
}: {
  signal: string;
  steps: ShutdownStep[];
  timeoutMs: number;
  exit?: (code: number) => void;
}): Promise<void> {
  if (!markShuttingDown(signal)) return;
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  log.info({ signal, timeoutMs, steps: steps.map((s) => s.name) }, "shutting down");
  const backstop = setTimeout(() => {
    log.error({ signal, timeoutMs }, "shutdown did not finish in time; exiting anyway");
    exit(1);
  }, timeoutMs + 2_000);
  backstop.unref();
  for (const [index, step] of steps.entries()) {
    const reserved = steps.slice(index + 1).reduce((sum, later) => sum + (later.reserveMs ?? 0), 0);
    const until = Math.max(deadline - reserved, Date.now());
    const stepStartedAt = Date.now();
    const running = step.run(until).then(() => "done" as const);
    running.catch(() => {}); // still settled below when it loses the race
    const outcome = await Promise.race([running, sleep(until - Date.now() + 250, "timed out" as const, { ref: false })]).catch((error: unknown) => {
      log.warn({ err: error, step: step.name }, "shutdown step failed");
      return "failed" as const;
    });
    log.info({ step: step.name, outcome, ms: Date.now() - stepStartedAt }, "shutdown step");
  }
  clearTimeout(backstop);
  log.info({ signal, ms: Date.now() - startedAt }, "shutdown complete");
  exit(0);
}

/** Stops accepting connections, lets in-flight requests finish until `untilMs`, then cuts what is left. */
export async function closeHttpServer(server: Server, untilMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets do not count as in flight: close each one as soon as its last response is sent.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  const finished = await Promise.race([closed.then(() => true), sleep(Math.max(untilMs - Date.now(), 0), false, { ref: false })]);
  clearInterval(idle);
  if (!finished) {
    log.warn("requests still in flight at the shutdown deadline; closing their connections");
    server.closeAllConnections();
    await closed;
  }
}

/** The servers scripts/expose-http-server.mjs recorded (none when started without it, e.g. `next start` alone). */
export function listeningHttpServers(): Server[] {
  return [...(globalForShutdown.insightHttpServers ?? [])].filter((server) => server.listening);
}

const cleanUpSteps = (): ShutdownStep[] => [
  // pg-boss stops fetching, waits for the items in hand, then fails what is still running so the
  // queue retries it elsewhere (or here after a restart) instead of waiting for it to expire.
  { name: "job queue", reserveMs: 1_000, run: (until) => stopJobQueue(Math.max(until - Date.now(), 1_000)) },
  // After the job queue (its work in hand may still send tasks); tasks sent later run inline.
  { name: "worker threads", reserveMs: 500, run: (until) => closeWorkerPool(until) },
  // Runs in flight on an inference thread get until the step's deadline; then the threads end, taking
  // their sessions with them, so releasing those is immediate (a release queued behind a run would wait).
  { name: "inference threads", reserveMs: 500, run: (until) => closeInferenceThreads(until) },
  { name: "onnx sessions", reserveMs: 500, run: () => releaseAllSessions() },
  // Last: PGlite checkpoints and releases its folder, so the next start finds it consistent.
  { name: "database", reserveMs: 2_000, run: () => closeDatabase() },
];

export function webShutdownSteps(readinessDelayMs: number): ShutdownStep[] {
  return [
    // Readiness is already false (runShutdown marked it): give load balancers time to notice.
    { name: "readiness false", run: (until) => sleep(Math.max(Math.min(readinessDelayMs, until - Date.now()), 0)) },
    {
      name: "http",
      run: async (until) => {
        const servers = listeningHttpServers();
        if (!servers.length) log.warn("no HTTP server to close (not started through scripts/start.mjs)");
        await Promise.all(servers.map((server) => closeHttpServer(server, until)));
      },
    },
    { name: "work after responses", run: () => settleAfterResponseWork() },
    // The buffered usage rows and the limiters' unsent counts, while the database is still open.
    { name: "usage rows and rate-limit counts", run: async () => void (await Promise.all([flushAllUsage(), closeRateLimiters()])) },
    ...cleanUpSteps(),
  ];
}

export const workerShutdownSteps = cleanUpSteps;

/** Installs the SIGTERM/SIGINT handler once per process; a second signal while shutting down is ignored. */
export function installShutdownHandlers(steps: () => ShutdownStep[]): void {
  if (globalForShutdown.insightShutdownInstalled) return;
  globalForShutdown.insightShutdownInstalled = true;
  const { SHUTDOWN_TIMEOUT_MS } = getEnv();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => void runShutdown({ signal, steps: steps(), timeoutMs: SHUTDOWN_TIMEOUT_MS }));
  }
}
