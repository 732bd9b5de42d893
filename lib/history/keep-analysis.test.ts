import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestUser } from "@/test/auth";
import { settleAfterResponseWork } from "../after-response";
import { getDb } from "../db/client";
import { executeRows } from "../db/execute-rows";
import { HISTORY_LIMIT, keepAnalysis, PRUNE_EVERY, pruneDue } from "./keep-analysis";

describe("keepAnalysis", () => {
  it("prunes on an owner's first analysis, then every PRUNE_EVERY-th", () => {
    const pattern = Array.from({ length: 2 * PRUNE_EVERY + 1 }, () => pruneDue("owner-pattern"));
    expect(pattern.filter(Boolean)).toHaveLength(3);
    expect([pattern[0], pattern[PRUNE_EVERY], pattern[2 * PRUNE_EVERY]]).toEqual([true, true, true]);
  });

  it("keeps the newest HISTORY_LIMIT, never more than HISTORY_LIMIT + PRUNE_EVERY, without a delete per analysis", async () => {
    const user = await createTestUser({ role: "user" });
    const db = await getDb();
    const principal = { kind: "session", user, clientAddress: "192.0.2.1", scopes: [] } as unknown as Parameters<typeof keepAnalysis>[0]["principal"];
    const countRows = async () => Number((await executeRows<{ n: number }>(db, sql`select count(*)::int as n from analyses where owner_id = ${user.id}`))[0].n);
    const counts: number[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 2 * PRUNE_EVERY; i++) {
      keepAnalysis({ db, principal, analysis: { kind: "safety", title: `analysis ${i}`, request: {}, result: { i } } });
      await settleAfterResponseWork();
      counts.push(await countRows());
    }
    expect(Math.max(...counts)).toBeLessThanOrEqual(HISTORY_LIMIT + PRUNE_EVERY);
    // Between prunes the history grows past the limit: no delete ran after those analyses.
    expect(counts.filter((n) => n > HISTORY_LIMIT).length).toBeGreaterThan(PRUNE_EVERY);
    const titles = await executeRows<{ title: string }>(
      db,
      sql`select title from analyses where owner_id = ${user.id} order by created_at desc limit ${HISTORY_LIMIT}`,
    );
    expect(titles[0].title).toBe(`analysis ${HISTORY_LIMIT + 2 * PRUNE_EVERY - 1}`);
    const oldest = await executeRows<{ title: string }>(db, sql`select title from analyses where owner_id = ${user.id} and title = 'analysis 0'`);
    expect(oldest).toHaveLength(0);
  });
});
