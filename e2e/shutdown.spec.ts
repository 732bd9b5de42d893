import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createTemporaryPostgres, postgresRequired, postgresUnreachableReason } from "../test/postgres";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { startServer, startWorkerProcess, waitUntilReady } from "./server-process";
import { monitoringHeaders } from "./monitoring-token";

// Graceful shutdown of `npm start` (lib/instance/shutdown.ts): SIGTERM sent to the npm-start wrapper
// alone (so it must pass it on to `next start`) while a slow OCR request runs.

const PORT = 3325;
const SHUTDOWN_TIMEOUT_MS = 20_000;
const READINESS_DELAY_MS = 3_000;

// A page the test knows the text of: many lines, so OCR takes seconds.
const lines = Array.from({ length: 36 }, (_, i) => `Line ${String(i + 1).padStart(2, "0")} invoice ${1000 + i * 7} total ${(i * 3.25).toFixed(2)} EUR`);
async function renderedPage(lineCount = lines.length): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="${60 + lineCount * 44}"><rect width="100%" height="100%" fill="white"/>${lines
    .slice(0, lineCount)
    .map((text, i) => `<text x="40" y="${60 + i * 44}" font-family="DejaVu Sans Mono" font-size="28" fill="black">${text}</text>`)
    .join("")}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Whether a new TCP connection to the port is refused (the listener is closed). */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

type LogLine = { msg?: string; step?: string; outcome?: string };
const logLines = (output: string): LogLine[] =>
  output.split("\n").flatMap((line) => {
    try {
      return line.startsWith("{") ? [JSON.parse(line) as LogLine] : [];
    } catch {
      return [];
    }
  });

test("SIGTERM: readiness 503 first, the in-flight request completes, new connections refused, exit 0, data kept", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-shutdown-"));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "info",
    MODEL_LAB_RECIPES: "none",
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    SHUTDOWN_READINESS_DELAY_MS: String(READINESS_DELAY_MS),
  };
  const first = startServer(env, PORT);
  try {
    await waitUntilReady(first, 120_000);
    const email = `shutdown-${Date.now()}@example.com`;
    const jar = await signUpAndSignIn(first.baseUrl, email, "correct horse battery staple");
    const { key } = await createKey(first.baseUrl, jar, ["analyze"]);
    const page = (await renderedPage()).toString("base64");

    const inFlight = fetch(`${first.baseUrl}/api/v1/analyze/document`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ document_image: page }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { full_text: string; lines: unknown[] }, at: Date.now() }));
    await sleep(500);
    const sigtermAt = Date.now();
    first.signal("SIGTERM");

    // Readiness turns false as soon as the handler runs (an event loop busy with the OCR may run it a
    // little late, and a probe already under way may still answer 200), while the listener still
    // accepts connections: a probe must see 503 before any connection is refused.
    let ready = await fetch(`${first.baseUrl}/api/ready`, { headers: monitoringHeaders });
    while (ready.status === 200 && Date.now() - sigtermAt < READINESS_DELAY_MS + 5_000) {
      await sleep(50);
      ready = await fetch(`${first.baseUrl}/api/ready`, { headers: monitoringHeaders });
    }
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { shutting_down?: { signal: string } }).shutting_down?.signal).toBe("SIGTERM");

    // Then the listener closes: new connections are refused while the request is still served.
    let refusedAt: number | undefined;
    while (!refusedAt && Date.now() - sigtermAt < READINESS_DELAY_MS + 5_000) {
      if (await connectionRefused(PORT)) refusedAt = Date.now();
      else await sleep(100);
    }
    expect(refusedAt, "new connections are refused after the readiness delay").toBeDefined();
    expect(refusedAt! - sigtermAt).toBeGreaterThanOrEqual(READINESS_DELAY_MS);

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.at, "the request was still in flight when SIGTERM arrived").toBeGreaterThan(sigtermAt);
    for (const line of [lines[0], lines[17], lines.at(-1)!]) expect(answer.body.full_text).toContain(line);

    const code = await Promise.race([first.exited, sleep(SHUTDOWN_TIMEOUT_MS + 5_000, "still running")]);
    expect(code).toBe(0);
    expect(Date.now() - sigtermAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2_000);
    const steps = logLines(first.output()).filter((l) => l.msg === "shutdown step");
    expect(steps.map((s) => s.step)).toEqual([
      "readiness false",
      "http",
      "work after responses",
      "usage rows and rate-limit counts",
      "job queue",
      "worker threads",
      "inference threads",
      "onnx sessions",
      "database",
    ]);
    for (const step of steps) expect(step.outcome, step.step).toBe("done");
    expect(logLines(first.output()).some((l) => l.msg === "shutdown complete")).toBe(true);

    // The same data folder starts again with its data: the account and its key still work.
    const second = startServer(env, PORT);
    try {
      const report = await waitUntilReady(second, 120_000);
      expect((report.instance as { start_count: number }).start_count).toBe(2);
      const signup = await fetch(`${second.baseUrl}/api/v1/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "correct horse battery staple" }),
      });
      expect(signup.status).toBe(409);
      expect((await fetch(`${second.baseUrl}/api/v1/history`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      second.signal("SIGINT");
      expect(await second.exited).toBe(0);
    } finally {
      await second.kill();
    }
  } catch (error) {
    console.log(first.output());
    throw error;
  } finally {
    await first.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

type BatchView = {
  finished_at: string | null;
  progress: { done: number; failed: number };
  items: { position: number; status: string; attempts: number; result: { full_text?: string } | null }[];
};

test("npm run worker: SIGTERM lets the item in hand finish, leaves the rest queued, exits 0", async () => {
  test.setTimeout(300_000);
  const unreachable = await postgresUnreachableReason();
  test.skip(Boolean(unreachable) && !postgresRequired, unreachable);
  const database = await createTemporaryPostgres();
  const dirs = [0, 1, 2].map(() => mkdtempSync(path.join(tmpdir(), "ie-worker-stop-")));
  const shared = { DATABASE_URL: database.url, MODEL_LAB_RECIPES: "none", SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) };
  // The web process does not work the queue: the workers alone do.
  const server = startServer({ ...shared, DATA_DIR: dirs[0], WORK_QUEUE: "0" }, PORT + 1);
  const workerEnv = (dir: string) => ({ ...shared, DATA_DIR: dir, LOG_LEVEL: "info" });
  const first = startWorkerProcess(workerEnv(dirs[1]));
  let second: ReturnType<typeof startWorkerProcess> | undefined;
  try {
    await waitUntilReady(server, 120_000);
    for (const deadline = Date.now() + 60_000; !first.output().includes("working the job queue"); await sleep(250)) {
      if (Date.now() > deadline) throw new Error(`the worker did not start:\n${first.output()}`);
    }
    const jar = await signUpAndSignIn(server.baseUrl, `worker-stop-${Date.now()}@example.com`, "worker shutdown passphrase");
    const { key } = await createKey(server.baseUrl, jar, ["analyze", "batch"]);
    // A shorter page than above: the item in hand must finish well within the shutdown timeout.
    const page = (await renderedPage(8)).toString("base64");
    const submitted = await fetch(`${server.baseUrl}/api/v1/batch/process`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ items: Array.from({ length: 4 }, () => ({ task: "document", document_image: page })) }),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const readBatch = async () =>
      (await (await fetch(`${server.baseUrl}/api/v1/batch/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as BatchView;

    let running: number | undefined;
    for (const deadline = Date.now() + 60_000; running === undefined; await sleep(100)) {
      if (Date.now() > deadline) throw new Error("no item started");
      running = (await readBatch()).items.find((item) => item.status === "running")?.position;
    }
    const sigtermAt = Date.now();
    first.signal("SIGTERM");
    expect(await Promise.race([first.exited, sleep(SHUTDOWN_TIMEOUT_MS + 5_000, "still running")])).toBe(0);
    expect(Date.now() - sigtermAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2_000);
    const steps = logLines(first.output()).filter((l) => l.msg === "shutdown step");
    expect(steps.map((step) => [step.step, step.outcome])).toEqual([
      ["job queue", "done"],
      ["worker threads", "done"],
      ["inference threads", "done"],
      ["onnx sessions", "done"],
      ["database", "done"],
    ]);

    // The item in hand finished on its one attempt; the others were not touched, let alone failed.
    const afterStop = await readBatch();
    const inHand = afterStop.items.find((item) => item.position === running)!;
    expect(inHand).toMatchObject({ status: "done", attempts: 1 });
    expect(inHand.result?.full_text).toContain(lines[0]);
    expect(afterStop.progress.failed).toBe(0);
    expect(afterStop.items.filter((item) => item.status === "running")).toEqual([]);
    expect(afterStop.finished_at).toBeNull();

    // Another worker takes up the rest.
    second = startWorkerProcess(workerEnv(dirs[2]));
    let batch = await readBatch();
    for (const deadline = Date.now() + 120_000; batch.finished_at === null; batch = await readBatch()) {
      if (Date.now() > deadline) throw new Error(`the batch did not finish: ${JSON.stringify(batch.progress)}`);
      await sleep(500);
    }
    expect(batch.progress).toMatchObject({ done: 4, failed: 0 });
  } catch (error) {
    console.log(first.output());
    throw error;
  } finally {
    await Promise.all([server.stop(), first.kill(), second?.stop()]);
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
