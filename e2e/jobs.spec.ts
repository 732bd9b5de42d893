import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createTemporaryPostgres, postgresRequired, postgresUnreachableReason } from "../test/postgres";
import { startWebhookReceiver } from "../test/webhook-receiver";
import { runAdminCommand } from "./admin-command";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { startServer, startWorkerProcess, waitUntilReady, type ServerProcess } from "./server-process";

// Whole-process tests of the job system: a batch survives its server being killed mid-way, and
// several processes on one PostgreSQL share one queue.

const jobEnv = {
  // An item whose process died is retried this soon after it started (pg-boss notices within 15 s more).
  JOB_ITEM_TIMEOUT_SECONDS: "8",
  WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  WEBHOOK_RETRY_DELAY_SECONDS: "1",
};

/** A scanned-looking page (rendered text), so every item is a real OCR of about a second. */
async function page(words: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="260"><rect width="100%" height="100%" fill="white"/><text x="40" y="90" font-family="DejaVu Sans, sans-serif" font-size="40">${words}</text><text x="40" y="180" font-family="DejaVu Sans, sans-serif" font-size="40">Total due 42.50 EUR</text></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString("base64");
}

interface BatchView {
  status: string;
  finished_at: string | null;
  progress: { total: number; done: number; failed: number; cancelled: number };
  items: {
    position: number;
    status: string;
    attempts: number;
    worker: string | null;
    result: { full_text?: string; language?: { language: string } } | null;
  }[];
}

async function readBatch(server: ServerProcess, key: string, id: string): Promise<BatchView | undefined> {
  try {
    const response = await fetch(`${server.baseUrl}/api/v1/batch/${id}`, { headers: { authorization: `Bearer ${key}` } });
    return response.ok ? ((await response.json()) as BatchView) : undefined;
  } catch {
    return undefined;
  }
}

async function waitForBatch(server: ServerProcess, key: string, id: string, until: (b: BatchView) => boolean, timeoutMs: number): Promise<BatchView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await readBatch(server, key, id);
    if (batch && until(batch)) return batch;
    if (Date.now() > deadline) throw new Error(`batch ${id}: ${JSON.stringify(batch?.progress)} ${batch?.status}\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

for (const target of ["pglite", "postgres"] as const) {
  test(`a batch survives SIGKILL of its server mid-way on ${target}: every item done exactly once, the webhook delivered`, async () => {
    test.setTimeout(300_000);
    let databaseUrl: string | undefined;
    let drop = async () => {};
    if (target === "postgres") {
      const unreachable = await postgresUnreachableReason();
      test.skip(Boolean(unreachable) && !postgresRequired, unreachable);
      const database = await createTemporaryPostgres();
      databaseUrl = database.url;
      drop = database.drop;
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), "ie-crash-"));
    const env = { ...jobEnv, DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const receiver = await startWebhookReceiver();
    let server = startServer(env, 3231);
    try {
      await waitUntilReady(server, 120_000);
      const jar = await signUpAndSignIn(server.baseUrl, "crash@example.test", "crash test passphrase");
      const { key } = await createKey(server.baseUrl, jar, ["analyze", "batch"]);
      const items = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => ({ task: "document", document_image: await page(`Invoice number ${1000 + i}`) })),
      );
      const submitted = await fetch(`${server.baseUrl}/api/v1/batch/process`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ items, callback_url: receiver.url }),
      });
      expect(submitted.status).toBe(202);
      const { id } = await submitted.json();

      // Kill it (the whole process group, no chance to clean up) once a few items are through.
      const before = await waitForBatch(server, key, id, (b) => b.progress.done >= 3, 120_000);
      expect(before.finished_at).toBeNull();
      await server.kill("SIGKILL");

      server = startServer(env, 3231);
      await waitUntilReady(server, 120_000);
      const after = await waitForBatch(server, key, id, (b) => b.finished_at !== null, 180_000);
      expect(after.status).toBe("done");
      expect(after.progress).toEqual({ total: 10, done: 10, failed: 0, cancelled: 0 });
      for (const item of after.items) {
        expect(item.status).toBe("done");
        expect(item.result?.full_text).toContain(`Invoice number ${1000 + item.position}`);
      }
      // The completion webhook, exactly one message (retries would carry the same id).
      await receiver.waitFor(1, 60_000);
      await new Promise((r) => setTimeout(r, 2_000));
      const completions = receiver.received.filter((h) => JSON.parse(h.body).type === "batch.completed");
      expect(new Set(completions.map((h) => h.headers["webhook-id"])).size).toBe(1);
      expect(JSON.parse(completions[0].body).data).toMatchObject({ batch_id: id, done: 10 });
    } finally {
      await server.stop();
      await receiver.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test("two app instances and a worker on one PostgreSQL share one queue: each item is processed once", async () => {
  test.setTimeout(240_000);
  const unreachable = await postgresUnreachableReason();
  test.skip(Boolean(unreachable) && !postgresRequired, unreachable);
  const database = await createTemporaryPostgres();
  const dirs = [0, 1, 2].map(() => mkdtempSync(path.join(tmpdir(), "ie-share-")));
  const env = { ...jobEnv, DATABASE_URL: database.url };
  const servers = [0, 1].map((i) => startServer({ ...env, DATA_DIR: dirs[i] }, 3233 + i));
  const worker = startWorkerProcess({ ...env, DATA_DIR: dirs[2], LOG_LEVEL: "info" });
  try {
    await Promise.all(servers.map((s) => waitUntilReady(s, 120_000)));
    for (const deadline = Date.now() + 60_000; !worker.output().includes("working the job queue"); ) {
      if (Date.now() > deadline) throw new Error(`the worker did not start:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const jar = await signUpAndSignIn(servers[0].baseUrl, "share@example.test", "shared queue passphrase");
    const { key } = await createKey(servers[0].baseUrl, jar, ["analyze", "batch"]);
    // OCR items (a few hundred ms each), so that every process polls while the batch is still going.
    const items = await Promise.all(
      Array.from({ length: 15 }, async (_, i) => ({ task: "document", document_image: await page(`Invoice number ${2000 + i}`) })),
    );
    const submitted = await fetch(`${servers[1].baseUrl}/api/v1/batch/process`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ items }),
    });
    expect(submitted.status).toBe(202);
    const { id } = await submitted.json();
    const batch = await waitForBatch(servers[0], key, id, (b) => b.finished_at !== null, 180_000);
    expect(batch.progress).toEqual({ total: 15, done: 15, failed: 0, cancelled: 0 });
    expect(batch.items.every((item) => item.attempts === 1)).toBe(true);
    for (const item of batch.items) expect(item.result?.full_text).toContain(`Invoice number ${2000 + item.position}`);
    // The work was spread: more than one process took items.
    expect(new Set(batch.items.map((item) => item.worker)).size).toBeGreaterThan(1);
  } catch (error) {
    // What the three processes printed, so that a failure in CI can be read without a rerun.
    const tail = (name: string, text: string) => `\n--- ${name} (last 3000 characters) ---\n${text.slice(-3000)}`;
    throw new Error(
      `${(error as Error).stack}${tail("server 0", servers[0].output())}${tail("server 1", servers[1].output())}${tail("worker", worker.output())}`,
    );
  } finally {
    await Promise.all([...servers.map((s) => s.stop()), worker.stop()]);
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test("a benchmark run and a red-team campaign interrupted by SIGKILL end failed (or done), never left running", async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-interrupt-"));
  const env = { ...jobEnv, DATA_DIR: dataDir, JOB_STALE_SECONDS: "10" };
  let server = startServer(env, 3236);
  try {
    await waitUntilReady(server, 120_000);
    // An admin (made by the operator's command after signing up) may start benchmark runs.
    await signUpAndSignIn(server.baseUrl, "admin-interrupt@example.test", "interrupt test passphrase");
    expect(runAdminCommand("admin-interrupt@example.test", { DATA_DIR: dataDir }).status).toBe(0);
    const jar = await signUpAndSignIn(server.baseUrl, "admin-interrupt@example.test", "interrupt test passphrase");
    const { key } = await createKey(server.baseUrl, jar, ["analyze", "safety", "benchmarks:run"]);
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const run = await (
      await fetch(`${server.baseUrl}/api/v1/benchmarks/runs`, { method: "POST", headers: auth, body: JSON.stringify({ preset: "full" }) })
    ).json();
    const campaign = await (
      await fetch(`${server.baseUrl}/api/v1/evaluate/red-team`, { method: "POST", headers: auth, body: JSON.stringify({ variants_per_seed: 5 }) })
    ).json();
    const readJob = async (base: string) =>
      (await (await fetch(`${base}/api/v1/jobs/${run.id}`, { headers: auth })).json()) as { status: string; summary: { run_id?: string } | null };
    const readReport = async (base: string) =>
      (await (await fetch(`${base}/api/v1/evaluate/red-team/${campaign.id}`, { headers: auth })).json()) as { status: string; error: string | null };

    // Kill once the benchmark run is under way (it measures every variant: minutes).
    const deadline = Date.now() + 120_000;
    // (Running, and its benchmark run recorded: the job notes the run's id just after it starts.)
    for (let job = await readJob(server.baseUrl); job.status !== "running" || !job.summary?.run_id; job = await readJob(server.baseUrl)) {
      if (Date.now() > deadline) throw new Error("the benchmark run never started");
      await new Promise((r) => setTimeout(r, 300));
    }
    await server.kill("SIGKILL");

    server = startServer(env, 3236);
    await waitUntilReady(server, 120_000);
    let job = await readJob(server.baseUrl);
    let report = await readReport(server.baseUrl);
    const settleBy = Date.now() + 90_000;
    while ((job.status === "running" || report.status === "running" || report.status === "queued") && Date.now() < settleBy) {
      await new Promise((r) => setTimeout(r, 500));
      job = await readJob(server.baseUrl);
      report = await readReport(server.baseUrl);
    }
    expect(job.status).toBe("failed");
    expect(["failed", "done"]).toContain(report.status);
    // The run's own record says so too.
    const runRecord = await (await fetch(`${server.baseUrl}/api/v1/benchmarks/runs/${job.summary?.run_id}`)).json();
    expect(runRecord).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
