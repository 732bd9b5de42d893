import "server-only";
import type { Database } from "../db/client";
import { insertUsageRows, type NewUsageRow } from "../db/queries/usage";
import { withoutDurableCommit } from "../db/without-durable-commit";
import { getEnv } from "../env";
import { log } from "../log";
import { processSingletonSync } from "../process-singletons";

/**
 * Usage rows are buffered per database connection and written as one multi-row insert when
 * `maxRows` are waiting or `intervalMs` after the first of them, instead of one insert (one
 * transaction) per API call. Every reader of usage in this process flushes first (flushUsage),
 * and so does a graceful shutdown, so the figures a caller sees include their own calls.
 * A failed insert keeps its rows for the next flush (up to `maxKeptRows`, then the oldest are
 * dropped with a warning: a database down for long must not grow memory without bound).
 */

export interface UsageBufferOptions {
  maxRows: number;
  /** 0: no timer (tests flush themselves). */
  intervalMs: number;
  maxKeptRows?: number;
}

export class UsageBuffer {
  private rows: NewUsageRow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Insert statements sent, for the benchmark and the tests. */
  inserts = 0;

  constructor(
    private readonly db: Database,
    private readonly options: UsageBufferOptions,
  ) {}

  get waiting(): number {
    return this.rows.length;
  }

  /** Buffers a row; resolves when it is written if it filled the buffer, at once otherwise. */
  add(row: NewUsageRow): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.options.maxRows) return this.flush();
    if (!this.timer && this.options.intervalMs > 0) {
      this.timer = setTimeout(
        () => void this.flush().catch((error) => log.warn({ err: error }, "usage rows not written; kept for the next flush")),
        this.options.intervalMs,
      );
      this.timer.unref();
    }
    return Promise.resolve();
  }

  /** Writes everything buffered so far; flushes run one at a time, so a reader after flush() sees every earlier row. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // At most maxRows a statement (a burst may have queued more while the last flush ran; PostgreSQL takes at most 65,535 parameters).
    while (this.rows.length > 0) {
      const batch = this.rows.splice(0, this.options.maxRows);
      this.inserts++;
      try {
        await withoutDurableCommit(this.db, (tx) => insertUsageRows({ db: tx, rows: batch }));
      } catch (error) {
        const kept = [...batch, ...this.rows];
        const limit = this.options.maxKeptRows ?? this.options.maxRows * 50;
        if (kept.length > limit) log.warn({ dropped: kept.length - limit }, "usage rows dropped: the database refused them for too long");
        this.rows = kept.slice(-limit);
        throw error;
      }
    }
  }
}

const buffers = () => processSingletonSync("usage:buffers", () => new Map<Database, UsageBuffer>());

export function usageBufferFor(db: Database): UsageBuffer {
  let buffer = buffers().get(db);
  if (!buffer) {
    const { USAGE_FLUSH_ROWS, USAGE_FLUSH_MS } = getEnv();
    buffer = new UsageBuffer(db, { maxRows: USAGE_FLUSH_ROWS, intervalMs: USAGE_FLUSH_MS });
    buffers().set(db, buffer);
  }
  return buffer;
}

/** Before any read of usage: this process's buffered rows for `db` reach the table first. */
export async function flushUsage(db: Database): Promise<void> {
  await buffers().get(db)?.flush();
}

/** Every buffer of the process (graceful shutdown; tests that read the table directly). */
export async function flushAllUsage(): Promise<void> {
  await Promise.all([...buffers().values()].map((buffer) => buffer.flush()));
}
