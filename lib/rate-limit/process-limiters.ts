import "server-only";
import type { Database } from "../db/client";
import { getEnv } from "../env";
import { processSingletonSync } from "../process-singletons";
import { SyncedRateLimiter } from "./synced-limiter";

/** One in-memory limiter per database connection of this process (one in production; tests open several). */
const limiters = () => processSingletonSync("rate-limit:synced-limiters", () => new Map<Database, SyncedRateLimiter>());

export function limiterFor(db: Database): SyncedRateLimiter {
  let limiter = limiters().get(db);
  if (!limiter) {
    const { RATE_LIMIT_SYNC_HITS, RATE_LIMIT_SYNC_MS } = getEnv();
    limiter = new SyncedRateLimiter(db, { syncEveryHits: RATE_LIMIT_SYNC_HITS, syncIntervalMs: RATE_LIMIT_SYNC_MS });
    limiters().set(db, limiter);
  }
  return limiter;
}

/** Sends every limiter's pending units (shutdown, before the database closes). */
export async function closeRateLimiters(): Promise<void> {
  const all = [...limiters().values()];
  limiters().clear();
  await Promise.allSettled(all.map((limiter) => limiter.close()));
}
