import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { insertUser } from "../db/queries/users";
import { apiUsage, apiUsageHourly } from "../db/schema";
import { histogramPercentile } from "./latency-histogram";
import { rollUpUsage } from "./roll-up-usage";
import { usageReport } from "./usage-report";

describe.each(databaseTargets)("usage roll-ups on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("moves finished hours into roll-ups exactly once, and the report reads both the same", async () => {
    const db = handle.db;
    const user = await insertUser({
      db,
      values: { email: "u@example.test", name: null, passwordHash: null, role: "user", plan: "free", githubId: null, expiresAt: null },
    });
    const row = (at: string, latencyMs: number, status = 200, route = "POST /api/v1/analyze/document") => ({
      at: new Date(at),
      userId: user.id,
      keyId: null,
      route,
      models: null,
      status,
      latencyMs,
      bytesIn: 100,
      bytesOut: 200,
    });
    // 20 calls in the 09:00 hour (10..200 ms), 2 errors, and 5 calls in the current 10:00 hour.
    await db
      .insert(apiUsage)
      .values(Array.from({ length: 20 }, (_, i) => row(`2026-12-01T09:${String(i * 2).padStart(2, "0")}:00Z`, (i + 1) * 10, i < 2 ? 500 : 200)));
    await db.insert(apiUsage).values(Array.from({ length: 5 }, () => row("2026-12-01T10:05:00Z", 5, 200, "POST /api/v1/evaluate/safety")));
    const now = new Date("2026-12-01T10:30:00Z");
    const before = await usageReport({ db, userId: user.id, days: 2, now });

    expect((await rollUpUsage({ db, now, retentionDays: 30 })).rolledUp).toBe(20);
    expect((await rollUpUsage({ db, now, retentionDays: 30 })).rolledUp).toBe(0);
    expect(await db.select().from(apiUsage)).toHaveLength(5);
    const hourly = await db.select().from(apiUsageHourly);
    expect(hourly.map((h) => [h.status, h.requests]).sort()).toEqual([
      [200, 18],
      [500, 2],
    ]);
    const after = await usageReport({ db, userId: user.id, days: 2, now });
    expect(after).toEqual(before);
    expect(after.totals).toMatchObject({ requests: 25, errors: 2, bytes_in: 2500, bytes_out: 5000 });
    expect(after.per_day.map((d) => d.requests)).toEqual([0, 25]);
    const document = after.by_route.find((r) => r.route === "POST /api/v1/analyze/document")!;
    expect(document).toMatchObject({ requests: 20, errors: 2, error_rate: 0.1 });
    // p50 of 10..200 ms is ~105 ms and p95 ~190 ms; the histogram's buckets are 25% wide.
    expect(document.latency_ms_p50).toBeGreaterThan(105 / 1.25);
    expect(document.latency_ms_p50).toBeLessThan(105 * 1.25);
    expect(document.latency_ms_p95).toBeGreaterThan(190 / 1.25);
    expect(document.latency_ms_p95).toBeLessThan(190 * 1.25);

    // A late row for an hour already rolled up is merged into it, not lost or double counted.
    await db.insert(apiUsage).values(row("2026-12-01T09:59:00Z", 1_000));
    await rollUpUsage({ db, now, retentionDays: 30 });
    const merged = await usageReport({ db, userId: user.id, days: 2, now });
    expect(merged.totals.requests).toBe(26);
    // Past the retention, roll-ups are deleted.
    await rollUpUsage({ db, now: new Date("2027-02-01T00:00:00Z"), retentionDays: 30 });
    expect(await db.select().from(apiUsageHourly)).toHaveLength(0);
  });

  it("reads percentiles from a histogram to within its bucket width", () => {
    const histogram = new Array(64).fill(0);
    histogram[10] = 100;
    const p = histogramPercentile(histogram, 50);
    expect(p).toBeGreaterThan(0.5 * 1.25 ** 9);
    expect(p).toBeLessThan(0.5 * 1.25 ** 10);
    expect(histogramPercentile(new Array(64).fill(0), 50)).toBeNaN();
  });
});
