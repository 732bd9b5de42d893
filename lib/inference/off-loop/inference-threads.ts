import type * as ort from "onnxruntime-node";
import { ModelUnavailableError } from "../../domain-errors";
import { getEnv } from "../../env";
import { log } from "../../log";
import { processSingletonSync } from "../../process-singletons";
import { OffLoopSession } from "./off-loop-session";
import { SessionHost } from "./session-host";

/**
 * The inference threads of this process: up to INFERENCE_THREADS of them, each holding one or more
 * ONNX Runtime sessions (0: sessions run on the event loop, as onnxruntime-node does by itself). A new
 * session goes to the thread holding the fewest, starting a new thread while fewer than the limit run,
 * so a limit at or above the number of sessions gives one thread per session (Triton's instance-group
 * model) and a smaller one packs several sessions per thread, their runs taking turns there. Which one
 * serves this machine best is measured in docs/serving.md (scripts/bench-offloop.ts).
 */

interface ThreadsState {
  hosts: SessionHost[];
  closed: boolean;
}

function threadsState(): ThreadsState {
  return processSingletonSync("inference-threads", () => ({ hosts: [], closed: false }));
}

/** Threads a process may run sessions on; 0 means on the event loop. */
export function inferenceThreadLimit(): number {
  return getEnv().INFERENCE_THREADS;
}

function hostForNewSession(state: ThreadsState, limit: number): SessionHost {
  const open = state.hosts.filter((host) => !host.closed);
  const emptiest = open.reduce<SessionHost | undefined>((best, host) => (!best || host.sessions < best.sessions ? host : best), undefined);
  const host = emptiest && (emptiest.sessions === 0 || open.length >= limit) ? emptiest : new SessionHost(state.hosts.length);
  if (host !== emptiest) state.hosts.push(host);
  // Counted now, not once the session is open: sessions opened together must spread, not all pick the same thread.
  host.sessions++;
  return host;
}

/** A session of `model` (a file path) created with `options` on an inference thread. */
export function openOffLoopSession(modelId: string, model: string, options: ort.InferenceSession.SessionOptions): Promise<OffLoopSession> {
  const state = threadsState();
  // Once shutdown began no thread is started: the model is unavailable from then on.
  if (state.closed) return Promise.reject(new ModelUnavailableError(modelId, `Model "${modelId}" is unavailable: the instance is shutting down.`));
  const host = hostForNewSession(state, Math.max(inferenceThreadLimit(), 1));
  return OffLoopSession.open(modelId, host, model, options).catch((error: unknown) => {
    host.sessions--;
    throw error;
  });
}

export interface InferenceThreadStats {
  threads: number;
  sessions: number[];
  inFlight: number[];
}

export function inferenceThreadStats(): InferenceThreadStats {
  const hosts = threadsState().hosts;
  return { threads: hosts.length, sessions: hosts.map((h) => h.sessions), inFlight: hosts.map((h) => h.inFlight) };
}

/**
 * Graceful shutdown: lets the runs in flight finish until `untilMs`, then ends every thread (and the
 * sessions on it). Runs asked for afterwards fail as the model being unavailable, never hang.
 */
export async function closeInferenceThreads(untilMs = Date.now() + 5_000): Promise<void> {
  const state = threadsState();
  state.closed = true;
  const hosts = state.hosts.splice(0);
  if (!hosts.length) return;
  await Promise.all(hosts.map((host) => host.close(untilMs)));
  log.info({ threads: hosts.length }, "inference threads closed");
}

/** For tests and benchmarks: after closing, lets new sessions start threads again. */
export async function resetInferenceThreads(): Promise<void> {
  await closeInferenceThreads(Date.now());
  threadsState().closed = false;
}
