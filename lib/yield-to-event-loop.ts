import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Background work (benchmarks, safety evaluations, red-team campaigns) runs in the server process.
 * An `await` on work that settles through microtasks alone never lets the event loop poll for I/O,
 * so a long loop of such awaits starves every request (measured: 11 s without a turn while scoring
 * 200 prompts). Awaiting this between units of work hands the loop a turn.
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}
