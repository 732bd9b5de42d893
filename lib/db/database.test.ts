import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConnection, type Socket } from "node:net";
import pg from "pg";
import { serialize } from "pg-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { createTemporaryPostgres, postgresUnreachableReason } from "@/test/postgres";
import { openDatabase, type DatabaseHandle } from "./client";
import { expectedMigrationCount, getMigrationStatus } from "./migrate";
import { getSetting, putSetting, recordInstanceStart } from "./queries/settings";

describe.each(databaseTargets)("database on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("applies every generated migration on open", async () => {
    const status = await getMigrationStatus(handle);
    expect(status).toEqual({ applied: expectedMigrationCount(), expected: expectedMigrationCount(), upToDate: true });
  });

  it.skipIf(target.skipReason)("stores and updates settings", async () => {
    expect(await getSetting({ db: handle.db, key: "missing" })).toBeUndefined();
    await putSetting({ db: handle.db, key: "greeting", value: { text: "hello", n: 1 } });
    await putSetting({ db: handle.db, key: "greeting", value: { text: "hello again", n: 2 } });
    expect(await getSetting({ db: handle.db, key: "greeting" })).toEqual({ text: "hello again", n: 2 });
  });

  it.skipIf(target.skipReason)("counts instance starts and keeps the first start time", async () => {
    const first = await recordInstanceStart({ db: handle.db, now: new Date("2026-01-01T00:00:00Z") });
    const second = await recordInstanceStart({ db: handle.db, now: new Date("2026-01-02T00:00:00Z") });
    expect(first.startCount).toBe(1);
    expect(second).toEqual({
      firstStartedAt: "2026-01-01T00:00:00.000Z",
      lastStartedAt: "2026-01-02T00:00:00.000Z",
      startCount: 2,
    });
  });
});

describe("embedded PGlite data folder", () => {
  it("keeps rows across a restart (close, reopen the same folder)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ie-restart-"));
    try {
      const before = await openDatabase({ pgliteDir: path.join(dir, "nested", "pglite") });
      await putSetting({ db: before.db, key: "survives", value: { written: "before restart" } });
      await before.close();

      const after = await openDatabase({ pgliteDir: path.join(dir, "nested", "pglite") });
      expect(await getSetting({ db: after.db, key: "survives" })).toEqual({ written: "before restart" });
      expect((await getMigrationStatus(after)).applied).toBe(expectedMigrationCount());
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("embedded PGlite behind its socket", () => {
  it("never lets another connection's query into the middle of an extended-protocol query", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://", migrate: false });
    const socketPath = path.join(String(handle.connection.host), ".s.PGSQL.5432");
    const [a, b] = await Promise.all([rawConnection(socketPath), rawConnection(socketPath)]);
    try {
      // A parses a two-parameter statement but has not bound it yet (its Bind is still on the way)...
      a.send(serialize.parse({ text: "select $1::int + $2::int as sum" }));
      await new Promise((r) => setTimeout(r, 100));
      // ...when B sends a whole one-parameter query. It must wait for A's Sync, not replace A's statement.
      const bAnswer = b.until("Z");
      b.send(
        Buffer.concat([serialize.parse({ text: "select $1::text as word" }), serialize.bind({ values: ["hello"] }), serialize.execute(), serialize.sync()]),
      );
      await new Promise((r) => setTimeout(r, 100));
      const aAnswer = a.until("Z");
      a.send(Buffer.concat([serialize.bind({ values: ["2", "3"] }), serialize.execute(), serialize.sync()]));
      expect(rowValues(await aAnswer)).toEqual(["5"]);
      expect(rowValues(await bAnswer)).toEqual(["hello"]);
    } finally {
      a.close();
      b.close();
      await handle.close();
    }
  });

  it("keeps clients' transactions apart: another client neither sees nor interleaves with an open one", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    const other = new pg.Pool(handle.connection);
    try {
      const client = await other.connect();
      await client.query("begin");
      await client.query("insert into app_settings (key, value) values ('in-flight', '1')");
      // The app's own pool asks meanwhile: it waits for the open transaction instead of running inside it.
      const seen = getSetting({ db: handle.db, key: "in-flight" });
      await new Promise((r) => setTimeout(r, 200));
      await client.query("rollback");
      client.release();
      expect(await seen).toBeUndefined();
    } finally {
      await other.end();
      await handle.close();
    }
  });
});

const postgresSkip = await postgresUnreachableReason();

describe.skipIf(postgresSkip)("PostgreSQL scale-out", () => {
  it("lets several instances start at once: migrations are applied exactly once", async () => {
    const temporary = await createTemporaryPostgres();
    const handles: DatabaseHandle[] = [];
    try {
      handles.push(...(await Promise.all([1, 2, 3].map(() => openDatabase({ url: temporary.url, poolMax: 2 })))));
      for (const handle of handles) expect((await getMigrationStatus(handle)).applied).toBe(expectedMigrationCount());
      const starts = await Promise.all(handles.map((handle) => recordInstanceStart({ db: handle.db })));
      expect(starts.map((s) => s.startCount).sort()).toEqual([1, 2, 3]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await temporary.drop();
    }
  });
});

/** A bare PostgreSQL wire-protocol connection (startup done), to send messages one by one. */
async function rawConnection(socketPath: string) {
  const socket: Socket = createConnection(socketPath);
  let buffered = Buffer.alloc(0);
  const messages: { type: string; body: Buffer }[] = [];
  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 5 && buffered.length >= 1 + buffered.readInt32BE(1)) {
      const length = buffered.readInt32BE(1);
      messages.push({ type: String.fromCharCode(buffered[0]), body: buffered.subarray(5, 1 + length) });
      buffered = buffered.subarray(1 + length);
    }
  });
  await new Promise((resolve) => socket.once("connect", resolve));
  const until = async (type: string) => {
    for (let i = 0; i < 200; i++) {
      const index = messages.findIndex((m) => m.type === type);
      if (index !== -1) return messages.splice(0, index + 1);
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${type} message; got ${messages.map((m) => m.type).join("")}`);
  };
  socket.write(serialize.startup({ user: "postgres", database: "postgres" }));
  await until("Z");
  return { send: (bytes: Buffer) => socket.write(bytes), until, close: () => socket.destroy() };
}

/** The text values of the first DataRow among protocol messages (an ErrorResponse fails the test with its text). */
function rowValues(messages: { type: string; body: Buffer }[]): string[] {
  const error = messages.find((m) => m.type === "E");
  if (error) throw new Error(error.body.toString("utf8").replace(/\0/g, " "));
  const row = messages.find((m) => m.type === "D");
  if (!row) return [];
  const values: string[] = [];
  let offset = 2;
  for (let i = 0; i < row.body.readInt16BE(0); i++) {
    const length = row.body.readInt32BE(offset);
    values.push(row.body.subarray(offset + 4, offset + 4 + length).toString("utf8"));
    offset += 4 + length;
  }
  return values;
}
