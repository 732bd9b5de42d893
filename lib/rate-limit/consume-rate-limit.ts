import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { executeRows } from "../db/execute-rows";
import { withoutDurableCommit } from "../db/without-durable-commit";
import type { RateLimitPolicy } from "./plans";

/**
 * Fixed-window counters in the database. One statement counts the request against every policy
 * that applies to it (`insert … on conflict do update … returning`), so the count is atomic on
 * PGlite and shared exactly by every instance on one PostgreSQL. A window starts at a multiple of
 * its length since the epoch; a counter from an older window is reset by the same statement.
 */

export interface RateLimitCheck {
  /** e.g. `key:<uuid>` or `account:<uuid>`. */
  subject: string;
  /** The policy's name in the headers, e.g. `minute`. */
  name: string;
  policy: RateLimitPolicy;
}

export interface RateLimitState {
  name: string;
  quota: number;
  windowSeconds: number;
  /** Requests left in the window after this one (never negative). */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  exceeded: boolean;
}

export async function consumeRateLimit({
  db,
  checks,
  cost = 1,
  now = new Date(),
}: {
  db: Database;
  checks: readonly RateLimitCheck[];
  cost?: number;
  now?: Date;
}): Promise<RateLimitState[]> {
  if (checks.length === 0) return [];
  const windows = checks.map((check) => windowStartOf(check.policy, now.getTime()));
  const rows = await addToCounters({
    db,
    additions: checks.map((check, i) => ({ subject: check.subject, name: check.name, windowStart: windows[i], count: cost })),
  });
  return checks.map((check) => {
    const row = rows.find((r) => r.subject === check.subject && r.name === check.name)!;
    const windowEnd = row.windowStart.getTime() + check.policy.windowSeconds * 1000;
    const count = row.count;
    return {
      name: check.name,
      quota: check.policy.quota,
      windowSeconds: check.policy.windowSeconds,
      remaining: Math.max(0, check.policy.quota - count),
      resetSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
      exceeded: count > check.policy.quota,
    };
  });
}

/** A window starts at a multiple of its length since the epoch. */
export function windowStartOf(policy: RateLimitPolicy, nowMs: number): Date {
  const windowMs = policy.windowSeconds * 1000;
  return new Date(Math.floor(nowMs / windowMs) * windowMs);
}

export interface CounterAddition {
  subject: string;
  name: string;
  windowStart: Date;
  count: number;
}

/**
 * Adds to several counters in one statement and returns each counter's total after the addition.
 * Used per request by consumeRateLimit and per sync by the in-memory limiter (synced-limiter.ts).
 */
export async function addToCounters({
  db,
  additions,
}: {
  db: Database;
  additions: readonly CounterAddition[];
}): Promise<{ subject: string; name: string; count: number; windowStart: Date }[]> {
  if (additions.length === 0) return [];
  const values = sql.join(
    additions.map((a) => sql`(${a.subject}, ${a.name}, ${a.windowStart.toISOString()}::timestamptz, ${a.count})`),
    sql`, `,
  );
  const rows = await withoutDurableCommit(db, (tx) =>
    executeRows<{ subject: string; policy: string; count: number; window_start: string | Date }>(
      tx,
      sql`
    insert into rate_limit_counters (subject, policy, window_start, count) values ${values}
    on conflict (subject, policy) do update set
      count = case when rate_limit_counters.window_start >= excluded.window_start
                   then rate_limit_counters.count + excluded.count else excluded.count end,
      window_start = greatest(rate_limit_counters.window_start, excluded.window_start)
    returning subject, policy, count, window_start`,
    ),
  );
  return rows.map((r) => ({ subject: r.subject, name: r.policy, count: Number(r.count), windowStart: new Date(r.window_start) }));
}

/** Deletes counters whose window ended long ago, so the table holds about one row per active subject. */
export async function deleteStaleRateLimitCounters({ db, now = new Date() }: { db: Database; now?: Date }): Promise<void> {
  const twoDaysAgo = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  await db.execute(sql`delete from rate_limit_counters where window_start < ${twoDaysAgo}::timestamptz`);
}
