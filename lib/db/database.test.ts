import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
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
