import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { openDatabase } from "../db/client";
import { consumeRateLimit, deleteStaleRateLimitCounters } from "./consume-rate-limit";
import { rateLimitHeaders, retryAfterSeconds } from "./rate-limit-headers";

const minute = { quota: 5, windowSeconds: 60 };
const day = { quota: 1000, windowSeconds: 86_400 };
const at = (iso: string) => new Date(iso);

describe.each(databaseTargets)("consumeRateLimit on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("counts atomically: 40 concurrent calls get 40 distinct counts, exactly quota pass", async () => {
    const now = at("2026-12-01T10:00:05Z");
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        consumeRateLimit({ db: handle.db, checks: [{ subject: "key:concurrent", name: "minute", policy: { quota: 25, windowSeconds: 60 } }], now }),
      ),
    );
    const remaining = results.map((r) => r[0].remaining);
    expect(results.filter((r) => !r[0].exceeded)).toHaveLength(25);
    expect(new Set(remaining.filter((r) => r > 0)).size).toBe(24);
  });

  it.skipIf(target.skipReason)("resets in the next window, keeps subjects and policies apart, reports reset times", async () => {
    const checks = [
      { subject: "key:a", name: "minute", policy: minute },
      { subject: "account:a", name: "day", policy: day },
    ];
    let last: Awaited<ReturnType<typeof consumeRateLimit>> | undefined;
    for (let i = 0; i < 6; i++) last = await consumeRateLimit({ db: handle.db, checks, now: at("2026-12-01T10:00:30Z") });
    expect(last![0]).toMatchObject({ exceeded: true, remaining: 0, resetSeconds: 30 });
    expect(last![1]).toMatchObject({ exceeded: false, remaining: 994 });
    expect(retryAfterSeconds(last!)).toBe(30);
    expect(rateLimitHeaders(last!)).toEqual({
      "ratelimit-policy": '"minute";q=5;w=60, "day";q=1000;w=86400',
      ratelimit: '"minute";r=0;t=30, "day";r=994;t=50370',
    });
    const other = await consumeRateLimit({ db: handle.db, checks: [{ subject: "key:b", name: "minute", policy: minute }], now: at("2026-12-01T10:00:30Z") });
    expect(other[0].remaining).toBe(4);
    const nextWindow = await consumeRateLimit({ db: handle.db, checks, now: at("2026-12-01T10:01:00Z") });
    expect(nextWindow[0]).toMatchObject({ exceeded: false, remaining: 4 });
    expect(nextWindow[1].remaining).toBe(993);
    // A late writer (an instance whose clock is behind) adds to the newer window instead of resetting it.
    const late = await consumeRateLimit({ db: handle.db, checks: [checks[0]], now: at("2026-12-01T10:00:59Z") });
    expect(late[0].remaining).toBe(3);
  });

  it.skipIf(target.skipReason)("deletes counters of windows that ended days ago", async () => {
    await consumeRateLimit({ db: handle.db, checks: [{ subject: "ip:old", name: "minute", policy: minute }], now: at("2026-11-01T00:00:00Z") });
    await deleteStaleRateLimitCounters({ db: handle.db, now: at("2026-12-01T00:00:00Z") });
    const fresh = await consumeRateLimit({ db: handle.db, checks: [{ subject: "ip:old", name: "minute", policy: minute }], now: at("2026-11-01T00:00:10Z") });
    expect(fresh[0].remaining).toBe(4);
  });
});

const postgres = databaseTargets.find((t) => t.name === "postgres")!;

describe("two instances on one PostgreSQL", () => {
  it.skipIf(postgres.skipReason)("share one limit: two connection pools split exactly the quota between them", async () => {
    const first = await postgres.open();
    // A second, independent pool on the same database (what a second app instance has).
    const sameDatabase = new URL(process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres");
    sameDatabase.pathname = `/${first.location.split("/").pop()}`;
    const second = await openDatabase({ url: sameDatabase.toString(), poolMax: 4, migrate: false });
    try {
      const now = at("2026-12-01T12:00:10Z");
      const check = [{ subject: "key:shared", name: "minute", policy: { quota: 30, windowSeconds: 60 } }];
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => consumeRateLimit({ db: (i % 2 ? first : second).db, checks: check, now })));
      expect(results.filter((r) => !r[0].exceeded)).toHaveLength(30);
    } finally {
      await second.close();
      await first.cleanup();
    }
  });
});
