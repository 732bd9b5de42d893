import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { executeRows } from "../db/execute-rows";
import type { NewUsageRow } from "../db/queries/usage";
import { UsageBuffer } from "./usage-buffer";

const rowFor = (i: number, route = "POST /api/v1/burst"): NewUsageRow => ({
  at: new Date(Date.UTC(2026, 11, 1, 10, 0, 0, i)),
  userId: null,
  keyId: null,
  route,
  models: null,
  status: 200,
  latencyMs: i,
  bytesIn: 1,
  bytesOut: 2,
});

describe.each(databaseTargets)("UsageBuffer on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());
  const countOf = async (route: string) =>
    Number((await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from api_usage where route = ${route}`))[0].n);

  it.skipIf(target.skipReason)("a burst of 450 rows becomes 3 inserts, and every row is there after the flush", async () => {
    const buffer = new UsageBuffer(handle.db, { maxRows: 200, intervalMs: 0 });
    for (let i = 0; i < 450; i++) await buffer.add(rowFor(i));
    expect(buffer.inserts).toBe(2);
    expect(buffer.waiting).toBe(50);
    expect(await countOf("POST /api/v1/burst")).toBe(400);
    await buffer.flush();
    expect(buffer.inserts).toBe(3);
    const latencies = await executeRows<{ latency_ms: number }>(
      handle.db,
      sql`select latency_ms from api_usage where route = 'POST /api/v1/burst' order by latency_ms`,
    );
    expect(latencies.map((r) => Number(r.latency_ms))).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });

  it.skipIf(target.skipReason)("rows added all at once are written in statements of at most maxRows", async () => {
    const buffer = new UsageBuffer(handle.db, { maxRows: 100, intervalMs: 0 });
    await Promise.all(Array.from({ length: 250 }, (_, i) => buffer.add(rowFor(i, "POST /api/v1/at-once"))));
    expect(buffer.inserts).toBe(3);
    expect(buffer.waiting).toBe(0);
    expect(await countOf("POST /api/v1/at-once")).toBe(250);
  });

  it.skipIf(target.skipReason)("the timer writes a quiet buffer's rows within its interval", async () => {
    const buffer = new UsageBuffer(handle.db, { maxRows: 200, intervalMs: 50 });
    for (let i = 0; i < 3; i++) await buffer.add(rowFor(i, "GET /api/v1/quiet"));
    expect(await countOf("GET /api/v1/quiet")).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await countOf("GET /api/v1/quiet")).toBe(3);
    expect(buffer.inserts).toBe(1);
  });
});
