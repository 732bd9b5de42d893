/**
 * What the one API wrapper (lib/http/with-api.ts) adds to every request: request id, key or session
 * verification, scope check, the rate-limit update in the database, the problem/log/header work,
 * and the usage row written after the response. A trivial handler is called directly (as Next calls
 * route handlers), bare and wrapped, interleaved call by call, on the embedded PGlite and on
 * PostgreSQL. "Warm": the key (or session user) is in the instance's short verification cache,
 * as it is for every call but the first few of a client.
 *
 *   LOG_LEVEL=silent npx tsx --conditions=react-server scripts/bench-api-wrapper.ts [--runs 2000] [--markdown] [--write-readme]
 *
 * The time until the response is what a client waits for; the usage insert after the response is
 * reported separately (it costs the server, not the caller).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { SESSION_COOKIE } from "../lib/auth/principal";
import { describeMachine } from "../lib/inference/measurement/describe-machine";
import { resetEnvForTests } from "../lib/env";
import { settleAfterResponseWork } from "../lib/after-response";
import type { Operation } from "../lib/http/operation";
import { jsonResponse, withApi } from "../lib/http/with-api";

const benchOperation = (route: string, options: Pick<Operation, "auth" | "scope" | "rateLimit" | "recordUsage">): Operation => {
  const [method, path] = route.split(" ") as ["GET" | "POST", string];
  return { operationId: "bench", method, path, tag: "Bench", summary: "bench", responses: {}, ...options };
};
import { ensureAuthSecret } from "../lib/auth/auth-secret";
import { median, percentile, round } from "../lib/stats";
import { seedBenchAccount } from "./bench-account";
import { writeReadmeSection } from "./write-readme-section";
import { MISSING } from "../lib/format";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 2000;

type Target = "pglite" | "postgres";

async function setUp(target: Target) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-bench-wrapper-"));
  process.env.DATA_DIR = dataDir;
  if (target === "postgres") {
    const { createTemporaryPostgres } = await import("../test/postgres");
    const database = await createTemporaryPostgres();
    process.env.DATABASE_URL = database.url;
    return { dataDir, drop: database.drop };
  }
  delete process.env.DATABASE_URL;
  return { dataDir, drop: async () => {} };
}

async function measure(target: Target) {
  const { dataDir, drop } = await setUp(target);
  resetEnvForTests();
  const globals = globalThis as unknown as { insightDb?: Promise<{ close(): Promise<void> }> };
  const { user, key } = await seedBenchAccount(target, ["analyze"]);
  const cookie = `${SESSION_COOKIE}=${await encode({ token: { uid: user.id, sub: user.id }, secret: ensureAuthSecret(), salt: SESSION_COOKIE })}`;
  // The plan allows far more than the benchmark sends in a minute, so no call is refused.
  process.env.RATE_LIMITS = JSON.stringify({ pro: { minute: { quota: 10_000_000, windowSeconds: 60 }, day: { quota: 10_000_000, windowSeconds: 86_400 } } });
  resetEnvForTests();

  const handler = async () => jsonResponse({ ok: true });
  const variants = {
    bare: (_request: Request) => handler(),
    "wrapper, public route (no auth, no limit)": withApi(
      benchOperation("GET /bench/public", { auth: "public", scope: null, rateLimit: false, recordUsage: false }),
      handler,
    ),
    "wrapper, API key + scope + rate limit + usage": withApi(benchOperation("POST /bench/key", { auth: "key", scope: "analyze" }), handler),
    "wrapper, session cookie + scope + rate limit + usage": withApi(benchOperation("POST /bench/session", { auth: "key", scope: "analyze" }), handler),
  };
  const requestFor = (name: string) =>
    new Request("http://localhost/bench", {
      method: "POST",
      headers: name.includes("API key") ? { authorization: `Bearer ${key}` } : name.includes("session") ? { cookie } : {},
    });
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const afterWork: number[] = [];
  const total = runs + 50;
  for (let i = 0; i < total; i++) {
    for (const [name, route] of Object.entries(variants)) {
      const request = requestFor(name);
      const startedAt = performance.now();
      const response = await route(request);
      const answeredAt = performance.now();
      await response.arrayBuffer();
      const settleStart = performance.now();
      await settleAfterResponseWork();
      if (name.includes("API key") && i >= 50) afterWork.push(performance.now() - settleStart);
      if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
      if (i >= 50) times[name].push(answeredAt - startedAt);
    }
  }
  await (await (globals.insightDb as Promise<{ close(): Promise<void> }> | undefined))?.close();
  globals.insightDb = undefined;
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
  const bareMedian = median(times.bare);
  return {
    target,
    rows: Object.entries(times).map(([name, values]) => ({
      name,
      p50Ms: round(median(values), 3),
      p95Ms: round(percentile(values, 95), 3),
      addedP50Ms: round(median(values) - bareMedian, 3),
    })),
    usageInsertAfterResponseP50Ms: round(median(afterWork), 3),
  };
}

async function main() {
  const machine = await describeMachine();
  const results = [];
  for (const target of ["pglite", "postgres"] as const) results.push(await measure(target));
  const lines = [
    `${new Date().toISOString().slice(0, 10)}, ${machine.cpuModel}, ${machine.cores} cores (${machine.cpuFlags.join(", ")}), Node ${machine.nodeVersion}; ${runs} calls per variant, interleaved, after 50 warm-up calls; time until the response; logging at LOG_LEVEL=${process.env.LOG_LEVEL ?? "info"}.`,
    "",
    "| database | variant | p50 | p95 | added to the bare handler (p50) |",
    "|---|---|---:|---:|---:|",
    ...results.flatMap((r) =>
      r.rows.map((row) => `| ${r.target} | ${row.name} | ${row.p50Ms} ms | ${row.p95Ms} ms | ${row.name === "bare" ? MISSING : `${row.addedP50Ms} ms`} |`),
    ),
    "",
    results
      .map(
        (r) => `Usage row written after the response (${r.target}): ${r.usageInsertAfterResponseP50Ms} ms median of server time, not waited for by the caller.`,
      )
      .join(" "),
  ];
  const markdown = lines.join("\n");
  if (process.argv.includes("--write-readme")) writeReadmeSection("bench:api-wrapper", markdown);
  process.stderr.write(`${markdown}\n`);
  if (process.argv.includes("--json")) process.stderr.write(`${JSON.stringify({ machine, results }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
