import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The deadline of the API request a piece of work belongs to, carried by AsyncLocalStorage from the
 * one API wrapper (lib/http/with-api.ts) to the one model-session wrapper (lib/inference/session-pool.ts)
 * without a parameter threaded through every pipeline. Work started outside a request (batch jobs,
 * benchmarks, scripts, start-up warm-up) has no deadline and is never refused by the model queues.
 */

export interface RequestDeadline {
  /** performance.now() time after which queued work for this request is not started. */
  deadlineAtMs: number;
  requestId: string;
}

// One store per process, whichever copy of this module Next's bundles load (the sessions made at
// start-up live on globalThis and read it from another copy).
const globalForDeadline = globalThis as unknown as { insightRequestDeadline?: AsyncLocalStorage<RequestDeadline> };
const storage = (globalForDeadline.insightRequestDeadline ??= new AsyncLocalStorage<RequestDeadline>());

export function runWithDeadline<T>(deadline: RequestDeadline, work: () => T): T {
  return storage.run(deadline, work);
}

/**
 * Runs background work (a queued job) outside any request, whatever context started the machinery
 * that calls it: pg-boss or a timer set up during a request would otherwise carry that request's
 * long-past deadline into every job it runs.
 */
export function outsideRequest<T>(work: () => T): T {
  return storage.exit(work);
}

/** The current request's deadline, or undefined for work outside a request. */
export function currentDeadline(): RequestDeadline | undefined {
  return storage.getStore();
}

/** Header a caller may send to shorten (never lengthen) its deadline, in milliseconds. */
export const REQUEST_TIMEOUT_HEADER = "x-request-timeout-ms";

/** The budget of a request: the server's REQUEST_DEADLINE_MS, shortened by the caller's header when that is a positive number. */
export function requestBudgetMs(request: Request, serverDeadlineMs: number): number {
  const asked = Number(request.headers.get(REQUEST_TIMEOUT_HEADER));
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, serverDeadlineMs) : serverDeadlineMs;
}
