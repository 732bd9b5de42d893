import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { startServer, waitUntilReady } from "./server-process";

// Graceful shutdown of `npm start` (lib/instance/shutdown.ts): SIGTERM sent to the npm-start wrapper
// alone (so it must pass it on to `next start`) while a slow OCR request runs.

const PORT = 3325;
const SHUTDOWN_TIMEOUT_MS = 20_000;
const READINESS_DELAY_MS = 1_500;

// A page the test knows the text of: many lines, so OCR takes seconds.
const lines = Array.from({ length: 36 }, (_, i) => `Line ${String(i + 1).padStart(2, "0")} invoice ${1000 + i * 7} total ${(i * 3.25).toFixed(2)} EUR`);
async function renderedPage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="${60 + lines.length * 44}"><rect width="100%" height="100%" fill="white"/>${lines
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

    // Readiness turns false at once (a probe already under way may still answer 200), while the
    // listener still accepts connections (the readiness delay).
    let ready = await fetch(`${first.baseUrl}/api/ready`);
    while (ready.status === 200 && Date.now() - sigtermAt < READINESS_DELAY_MS / 2) ready = await fetch(`${first.baseUrl}/api/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { shuttingDown?: { signal: string } }).shuttingDown?.signal).toBe("SIGTERM");

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
    expect(steps.map((s) => s.step)).toEqual(["readiness false", "http", "work after responses", "job queue", "onnx sessions", "database"]);
    for (const step of steps) expect(step.outcome, step.step).toBe("done");
    expect(logLines(first.output()).some((l) => l.msg === "shutdown complete")).toBe(true);

    // The same data folder starts again with its data: the account and its key still work.
    const second = startServer(env, PORT);
    try {
      const report = await waitUntilReady(second, 120_000);
      expect((report.instance as { startCount: number }).startCount).toBe(2);
      const signup = await fetch(`${second.baseUrl}/api/v1/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "correct horse battery staple" }) });
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
