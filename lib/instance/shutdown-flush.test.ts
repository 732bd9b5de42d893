import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { executeRows } from "../db/execute-rows";
import { resetEnvForTests } from "../env";
import { limiterFor } from "../rate-limit/process-limiters";
import { usageBufferFor } from "../usage/usage-buffer";
import { webShutdownSteps } from "./shutdown";

/** What a graceful shutdown must not lose: buffered usage rows and the rate limiters' unsent units. */
describe.each(databaseTargets)("shutdown flushes on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    // No background timers: what is in memory stays there until the step runs.
    process.env.USAGE_FLUSH_MS = "0";
    process.env.RATE_LIMIT_SYNC_MS = "0";
    resetEnvForTests();
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());
  const countOf = async (route: string) =>
    Number((await executeRows<{ n: number }>(handle.db, sql`select count(*)::int as n from api_usage where route = ${route}`))[0].n);
  const rowFor = (i: number) => ({
    at: new Date(),
    userId: null,
    keyId: null,
    route: "POST /api/v1/at-shutdown",
    models: null,
    status: 200,
    latencyMs: i,
    bytesIn: 1,
    bytesOut: 2,
  });

  it.skipIf(target.skipReason)("graceful shutdown writes the buffered rows and the limiters' unsent units before the database closes", async () => {
    for (let i = 0; i < 5; i++) await usageBufferFor(handle.db).add(rowFor(i));
    const check = [{ subject: "key:shutdown", name: "minute", policy: { quota: 1000, windowSeconds: 60 } }];
    for (let i = 0; i < 4; i++) await limiterFor(handle.db).consume({ checks: check });
    const counted = async () =>
      Number((await executeRows<{ count: number }>(handle.db, sql`select count from rate_limit_counters where subject = 'key:shutdown'`))[0]?.count ?? 0);
    expect(await countOf("POST /api/v1/at-shutdown")).toBe(0);
    expect(await counted()).toBe(1); // the first call read the shared count; three are only in memory
    const steps = webShutdownSteps(0).map((step) => step.name);
    const flushStep = webShutdownSteps(0).find((step) => step.name === "usage rows and rate-limit counts")!;
    expect(steps.indexOf(flushStep.name)).toBeLessThan(steps.indexOf("database"));
    await flushStep.run(Date.now() + 5_000);
    expect(await countOf("POST /api/v1/at-shutdown")).toBe(5);
    expect(await counted()).toBe(4);
  });
});
