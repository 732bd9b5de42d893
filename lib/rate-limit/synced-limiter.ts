import type { Database } from "../db/client";
import { addToCounters, type RateLimitCheck, type RateLimitState, windowStartOf } from "./consume-rate-limit";

/**
 * The API's rate limits counted in memory and synchronised with the shared counters (the same
 * `rate_limit_counters` rows consumeRateLimit writes), as Unkey's and rate-limiter-flexible's
 * in-memory layers do: a per-request upsert was one database round trip on every call.
 *
 * Each counter keeps the global count last read from the database plus the units this process
 * added since (pending, and in flight while a sync runs). A request is decided from that sum. A sync
 * adds the pending units to the shared rows in one statement and reads the totals back; it runs
 * - before deciding the first request of a counter's window in this process (so a restarted or new
 *   instance starts from the shared count, not from zero),
 * - before deciding a request that brings the unsynced units of a counter to its sync threshold
 *   (`min(syncEveryHits, quota / 10)`, at least 1: a quota of 10 or less syncs on every request),
 * - every `syncIntervalMs` in the background.
 * A request refused for a counter blocks that counter in memory until its window ends: later calls
 * are refused without counting or touching the database.
 *
 * Drift bound: with N instances on one database and threshold k, a window admits at most
 * `quota + N·(k − 1)` units (docs/serving.md gives the argument; synced-limiter.test.ts drives it),
 * and never fewer than `quota` before refusing. With k = 1 the limit is exact, as consumeRateLimit's.
 */

export interface SyncedLimiterOptions {
  syncEveryHits: number;
  /** Background sync period; 0 turns the timer off (tests drive syncs themselves). */
  syncIntervalMs: number;
}

interface Counter {
  subject: string;
  name: string;
  quota: number;
  windowStartMs: number;
  windowMs: number;
  /** Total in the database when last read, this process's synced units included. */
  global: number;
  /** Units being written by a sync that has not answered yet. */
  inFlight: number;
  /** Units counted here and not yet sent (negative when refused calls' units are to be taken back). */
  pending: number;
  /** Units other instances added, as discovered by this process's syncs (moves waiting calls back in line). */
  foreign: number;
  /** Whether a sync has read this window's shared count. */
  read: boolean;
  /** Refused until the window ends, from memory. */
  blocked: boolean;
}

const counterKey = (subject: string, name: string) => `${subject}\u0000${name}`;

export class SyncedRateLimiter {
  private readonly counters = new Map<string, Counter>();
  private syncing: Promise<void> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  /** Statements sent to the database, for the benchmark and the tests. */
  syncs = 0;

  constructor(
    private readonly db: Database,
    private readonly options: SyncedLimiterOptions,
  ) {
    if (options.syncIntervalMs > 0) {
      this.timer = setInterval(() => void this.sync().catch(() => undefined), options.syncIntervalMs);
      this.timer.unref();
    }
  }

  private threshold(quota: number): number {
    return Math.max(1, Math.min(this.options.syncEveryHits, Math.floor(quota / 10)));
  }

  /** The counter of the window `nowMs` falls in; a counter of an ended window is replaced (its unsent units no longer matter). */
  private counterFor(check: RateLimitCheck, nowMs: number): Counter {
    const key = counterKey(check.subject, check.name);
    const windowStartMs = windowStartOf(check.policy, nowMs).getTime();
    const existing = this.counters.get(key);
    if (existing && existing.windowStartMs >= windowStartMs) return existing;
    const counter: Counter = {
      subject: check.subject,
      name: check.name,
      quota: check.policy.quota,
      windowStartMs,
      windowMs: check.policy.windowSeconds * 1000,
      global: 0,
      inFlight: 0,
      pending: 0,
      foreign: 0,
      read: false,
      blocked: false,
    };
    this.counters.set(key, counter);
    return counter;
  }

  async consume({ checks, cost = 1, now = new Date() }: { checks: readonly RateLimitCheck[]; cost?: number; now?: Date }): Promise<RateLimitState[]> {
    const nowMs = now.getTime();
    const counters = checks.map((check) => this.counterFor(check, nowMs));
    if (counters.some((c) => c.blocked)) return counters.map((c) => stateOf(c, nowMs, estimate(c), c.blocked));
    // Each call takes its place in line when it is counted; a sync it waits for moves it back by the
    // units other instances added meanwhile (so a burst on one instance passes exactly up to the quota).
    const places = counters.map((c) => {
      c.pending += cost;
      return { place: estimate(c), foreign: c.foreign };
    });
    const mustSync = counters.some((c) => !c.read || c.pending + c.inFlight >= this.threshold(c.quota));
    if (mustSync) await this.sync(nowMs);
    const finalPlaces = counters.map((c, i) => places[i].place + c.foreign - places[i].foreign);
    const over = counters.map((c, i) => finalPlaces[i] > c.quota);
    if (over.some(Boolean)) {
      // A refused call counts nothing (the next sync takes its units back), on any of its policies.
      for (const c of counters) c.pending -= cost;
      counters.forEach((c, i) => {
        if (over[i]) c.blocked = true;
      });
      return counters.map((c) => stateOf(c, nowMs, estimate(c), c.blocked));
    }
    return counters.map((c, i) => stateOf(c, nowMs, finalPlaces[i], false));
  }

  /** Sends every pending unit in one statement and reads the totals back. Syncs run one at a time. */
  sync(nowMs = Date.now()): Promise<void> {
    const run = this.syncing.then(() => this.syncOnce(nowMs));
    this.syncing = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(nowMs: number): Promise<void> {
    const batch = [...this.counters.values()].filter((c) => c.pending !== 0 || !c.read);
    this.forgetEndedWindows(nowMs);
    if (batch.length === 0) return;
    const sent = batch.map((c) => c.pending);
    batch.forEach((c, i) => {
      c.inFlight += sent[i];
      c.pending = 0;
    });
    this.syncs++;
    let rows: Awaited<ReturnType<typeof addToCounters>>;
    try {
      rows = await addToCounters({
        db: this.db,
        additions: batch.map((c, i) => ({ subject: c.subject, name: c.name, windowStart: new Date(c.windowStartMs), count: sent[i] })),
      });
    } catch (error) {
      // Nothing was counted: the units go back to pending for the next sync.
      batch.forEach((c, i) => {
        c.inFlight -= sent[i];
        c.pending += sent[i];
      });
      throw error;
    }
    batch.forEach((c, i) => {
      c.inFlight -= sent[i];
      const row = rows.find((r) => r.subject === c.subject && r.name === c.name);
      // A row of a newer window (another instance's clock is ahead) counts for this one too: the SQL added to it.
      if (row) {
        c.foreign += row.count - c.global - sent[i];
        c.global = row.count;
      }
      c.read = true;
    });
  }

  /** Counters whose window ended and that have nothing left to send: the map holds about one entry per active subject. */
  private forgetEndedWindows(nowMs: number): void {
    for (const [key, c] of this.counters) {
      if (c.windowStartMs + c.windowMs <= nowMs && c.pending === 0 && c.inFlight === 0) this.counters.delete(key);
    }
  }

  /** Sends what is pending and stops the timer (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sync();
  }
}

const estimate = (c: Counter) => c.global + c.inFlight + c.pending;

function stateOf(c: Counter, nowMs: number, used: number, exceeded: boolean): RateLimitState {
  return {
    name: c.name,
    quota: c.quota,
    windowSeconds: c.windowMs / 1000,
    remaining: Math.max(0, c.quota - used),
    resetSeconds: Math.max(1, Math.ceil((c.windowStartMs + c.windowMs - nowMs) / 1000)),
    exceeded,
  };
}
