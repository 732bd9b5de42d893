import "server-only";
import { after } from "next/server";
import { log } from "./log";

/**
 * Runs work after the response has been sent (Next's `after`), so recording usage never delays an
 * answer. Outside a Next request (route handlers called directly, as the tests do) the work starts
 * at once in the background; `settleAfterResponseWork` lets such callers (and a shutdown) wait for it.
 */

const pending = new Set<Promise<void>>();

export function runAfterResponse(label: string, work: () => Promise<void>): void {
  const guarded = async () => {
    try {
      await work();
    } catch (error) {
      log.warn({ err: error, work: label }, "work after the response failed");
    }
  };
  // Tracked either way, so a shutdown can wait for the usage rows before it closes the database.
  const tracked = () => {
    const promise = guarded().finally(() => pending.delete(promise));
    pending.add(promise);
    return promise;
  };
  try {
    after(tracked);
  } catch {
    void tracked();
  }
}

export async function settleAfterResponseWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
