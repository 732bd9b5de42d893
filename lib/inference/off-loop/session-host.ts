import path from "node:path";
import { Worker } from "node:worker_threads";
import type * as ort from "onnxruntime-node";

/**
 * One inference thread (session-thread.mjs) seen from the event loop: messages out, one answer per
 * message back, matched by id. The thread is started on first use and may hold several sessions; their
 * runs take turns on it (each `run` is synchronous native code there).
 *
 * A thread that dies (a native crash, an out-of-memory abort, `terminate`) fails every call in flight
 * with the reason, never leaves one waiting; the next call starts a new thread, and the sessions the
 * dead one held are reopened there by their owners (off-loop-session.ts), from their generation.
 */

export interface WireTensor {
  type: ort.Tensor.Type;
  dims: readonly number[];
  data: ort.Tensor["data"];
}

export interface OpenedSession {
  inputNames: string[];
  outputNames: string[];
  inputMetadata: ort.InferenceSession.ValueMetadata[];
  outputMetadata: ort.InferenceSession.ValueMetadata[];
}

type Request =
  | { op: "open"; session: number; model: string; options: ort.InferenceSession.SessionOptions }
  | { op: "run"; session: number; feeds: Record<string, WireTensor> }
  | { op: "release"; session: number };

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Raised for calls a thread could not answer because it stopped; the caller decides what it means for its model. */
export class InferenceThreadExit extends Error {
  override name = "InferenceThreadExit";
}

// Resolved from the working directory, as lib/workers/js-worker-pool.ts resolves its entry: Node loads
// the file by path (nothing bundles it), and next.config.ts traces it into the standalone output.
const threadEntry = () => path.join(process.cwd(), "lib", "inference", "off-loop", "session-thread.mjs");

export class SessionHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Counts thread starts: a session opened in an earlier generation is gone from the current thread. */
  generation = 0;
  /** Sessions this host holds (the pool places new ones on the host holding fewest). */
  sessions = 0;
  closed = false;

  constructor(readonly index: number) {}

  /** The running thread, started if needed (after a death, a new one: `generation` moves on). */
  private thread(): Worker {
    if (this.closed) throw new InferenceThreadExit("the inference threads are closed (shutting down)");
    if (this.worker) return this.worker;
    // No execArgv of the parent: the thread needs neither tsx's loader nor scripts/start.mjs's HTTP hook.
    const worker = new Worker(threadEntry(), { execArgv: [], name: `inference-${this.index}` });
    this.generation++;
    worker.unref();
    worker.on("message", (answer: Answer) => this.settle(answer));
    worker.on("error", (error) => this.failAll(worker, `inference thread ${this.index} failed: ${error.message}`));
    worker.on("exit", (code) => this.failAll(worker, `inference thread ${this.index} exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  /** Whether a session opened in `generation` still lives on this host's thread. */
  holds(generation: number): boolean {
    return this.worker !== undefined && generation === this.generation;
  }

  call<T>(request: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // Referenced while an answer is awaited, so a script awaiting a run is not ended under it; idle
      // threads never hold the process open.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...request }, transfer);
    });
  }

  private settle(answer: Answer): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (answer.ok) pending.resolve(answer.value);
    else {
      // ONNX Runtime's errors are plain Errors: the message (and the thread's stack) is all they carry.
      const error = new Error(answer.error.message);
      error.name = answer.error.name;
      if (answer.error.stack) error.stack = answer.error.stack;
      pending.reject(error);
    }
  }

  private failAll(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const pending of failed) pending.reject(new InferenceThreadExit(reason));
  }

  /** Answers in flight (tests, stats). */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * For tests of a dying thread: the thread exits from its own JavaScript, between native calls, as a
   * crash of the thread would end it. (`worker.terminate()` while ONNX Runtime's run is inside its native
   * code can abort the whole process with "terminate called after throwing Napi::Error", so the test
   * cannot use it.) Resolves once the thread has gone.
   */
  async kill(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage({ id: -1, op: "exit" });
    await exited;
  }

  /**
   * Ends the thread (its sessions with it) once the calls in flight are answered or `untilMs` passes,
   * whichever is first; calls made from now on fail with InferenceThreadExit.
   */
  async close(untilMs = Date.now()): Promise<void> {
    this.closed = true;
    while (this.pending.size > 0 && Date.now() < untilMs) await new Promise((resolve) => setTimeout(resolve, 10));
    const worker = this.worker;
    if (worker) await worker.terminate();
  }
}
