import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createTemporaryPostgres, postgresRequired, postgresUnreachableReason } from "../test/postgres";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { getJson, startServer, waitUntilReady } from "./server-process";
import { monitoringHeaders } from "./monitoring-token";

// Whole-process tests of `npm start`: restarts, the PostgreSQL scale-out path and bad configuration.

// /api/ready speaks snake_case like every API answer.
type Instance = { start_count: number; first_started_at: string };

test("a restart keeps the data folder: database rows and the generated secret survive", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-restart-"));
  try {
    const first = startServer({ DATA_DIR: dataDir }, 3221);
    const before = (await waitUntilReady(first)).instance as Instance;
    const secretBefore = readFileSync(path.join(dataDir, "auth-secret"), "utf8");
    await first.stop();

    const second = startServer({ DATA_DIR: dataDir }, 3221);
    const after = (await waitUntilReady(second)).instance as Instance;
    await second.stop();

    expect(before.start_count).toBe(1);
    expect(after.start_count).toBe(2);
    expect(after.first_started_at).toBe(before.first_started_at);
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(secretBefore);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("two app instances share one PostgreSQL database", async () => {
  const unreachable = await postgresUnreachableReason();
  test.skip(Boolean(unreachable) && !postgresRequired, unreachable);
  const database = await createTemporaryPostgres();
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "ie-pg-")));
  const servers = dirs.map((dir, i) => startServer({ DATA_DIR: dir, DATABASE_URL: database.url }, 3222 + i));
  try {
    const reports = await Promise.all(servers.map((server) => waitUntilReady(server)));
    for (const report of reports) {
      expect(report.database).toEqual({ ok: true, kind: "postgres" });
      expect((report.migrations as { up_to_date: boolean }).up_to_date).toBe(true);
    }
    const latest = (await getJson(`${servers[0].baseUrl}/api/ready`, monitoringHeaders)) as { instance: Instance };
    expect(latest.instance.start_count).toBe(2);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test("bad configuration stops start-up with a message naming the variable", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-badenv-"));
  try {
    for (const [variable, value] of [
      ["DATABASE_URL", "mysql://root@localhost/app"],
      ["MAX_BODY_BYTES", "lots"],
    ]) {
      const server = startServer({ DATA_DIR: dataDir, [variable]: value }, 3225);
      const code = await server.exited;
      expect(code, server.output()).toBe(1);
      expect(server.output()).toContain("Invalid configuration");
      expect(server.output()).toContain(`${variable}:`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a model that cannot be found is reported unavailable with the reason, and the app still serves", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-nomodel-"));
  const emptyMirror = mkdtempSync(path.join(tmpdir(), "ie-emptymirror-"));
  const server = startServer({ DATA_DIR: dataDir, MODEL_MIRROR_DIR: emptyMirror, MODEL_DOWNLOAD: "0" }, 3226);
  try {
    const report = await waitUntilReady(server);
    const models = (report.models as { list: { id: string; available: boolean; reason?: string }[] }).list;
    const yolox = models.find((m) => m.id === "yolox-nano");
    expect(yolox?.available).toBe(false);
    expect(yolox?.reason).toContain("yolox_nano.onnx");
    expect(yolox?.reason).toContain("downloads are disabled (MODEL_DOWNLOAD=0)");
    // Models shipped in npm packages are unaffected.
    expect(models.find((m) => m.id === "ppocr-v4-det")?.available).toBe(true);
    const home = await fetch(`${server.baseUrl}/`);
    expect(home.status).toBe(200);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyMirror, { recursive: true, force: true });
  }
});

test("two instances on one PostgreSQL share one rate limit and a revocation; no secret reaches their logs", async () => {
  test.setTimeout(150_000);
  const unreachable = await postgresUnreachableReason();
  test.skip(Boolean(unreachable) && !postgresRequired, unreachable);
  const database = await createTemporaryPostgres();
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "ie-limit-")));
  // A small quota for the account's plan (a new account is a user on the free plan).
  const env = {
    DATABASE_URL: database.url,
    RATE_LIMITS: JSON.stringify({ free: { minute: { quota: 6, windowSeconds: 60 } } }),
    LOG_LEVEL: "debug",
    API_KEY_CACHE_MS: "2000",
  };
  const servers = dirs.map((dir, i) => startServer({ ...env, DATA_DIR: dir }, 3227 + i));
  const password = "a passphrase that must never be logged";
  try {
    await Promise.all(servers.map((server) => waitUntilReady(server)));
    const jar = await signUpAndSignIn(servers[0].baseUrl, "limits@example.test", password);
    const { id, key } = await createKey(servers[0].baseUrl, jar, ["analyze"]);
    const call = (server: (typeof servers)[number]) =>
      fetch(`${server.baseUrl}/api/v1/analyze/multilingual`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: '{"content":"Guten Tag"}',
      });
    // Start well inside a minute window so all eight calls count against the same one.
    const secondsIntoWindow = (Date.now() / 1000) % 60;
    if (secondsIntoWindow > 40) await new Promise((r) => setTimeout(r, (61 - secondsIntoWindow) * 1000));
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(servers[i % 2])).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429]);

    // Revoked on instance 0; instance 1 (which has the key cached) refuses it within API_KEY_CACHE_MS.
    const revokedAt = Date.now();
    const revoke = await fetch(`${servers[0].baseUrl}/api/v1/keys/${id}`, { method: "DELETE", headers: { cookie: jar.header() } });
    expect(revoke.status).toBe(200);
    let status = 0;
    while (Date.now() - revokedAt < 10_000 && status !== 401) {
      status = (await call(servers[1])).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);

    for (const server of servers) {
      expect(server.output()).toContain('"route":"POST /api/v1/analyze/multilingual"');
      expect(server.output()).not.toContain(password);
      expect(server.output()).not.toContain(key);
      expect(server.output()).not.toContain(key.slice(10, 40));
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
