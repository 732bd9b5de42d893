import type * as ort from "onnxruntime-node";
import { OverloadedError } from "../../domain-errors";
import { observeBatch, observeInference, observeInferenceRefusal } from "../../metrics/observe";
import { currentDeadline } from "../../request-deadline";
import type { ModelSession } from "../inference-backend";
import type { ServingConfig } from "./serving-config";
import { batchKeyOf, type StackingBuffers, splitOutputs, stackFeeds } from "./stack-feeds";

/**
 * The queue in front of one model's sessions: the dynamic batcher (Triton's, BentoML's adaptive
 * batching, Ray Serve's `@serve.batch`), the bound on waiting work, and the deadline check.
 *
 * - A free session takes the oldest request and every queued request that stacks with it (same
 *   non-batch shape), up to `maxBatchSize` rows, into one `run`; the outputs are split back. With
 *   `maxQueueDelayMs` > 0 a batch that is not full waits that long after its first request for more.
 *   A session runs one batch at a time (on its inference thread, lib/inference/off-loop, or on the
 *   event loop with INFERENCE_THREADS=0), so requests that arrive during a run are the ones the next
 *   run stacks.
 * - API requests (those with a deadline, lib/request-deadline.ts) are refused at once with
 *   OverloadedError when `queueLimit` are already waiting, or when the queue's expected wait is past
 *   their deadline; a queued request whose deadline passes before a session takes it is dropped
 *   without running. Work outside a request (batch jobs, benchmarks) waits its turn, never refused.
 */

export interface TimedRun {
  outputs: ort.InferenceSession.ReturnType;
  runMs: number;
}

interface Waiting {
  feeds: Record<string, ort.Tensor>;
  batch: { key: string; rows: number } | null;
  enqueuedAtMs: number;
  deadlineAtMs: number | undefined;
  resolve(run: TimedRun): void;
  reject(error: unknown): void;
}

export interface ModelQueueStats {
  /** Session runs made (a stacked batch is one). */
  runs: number;
  /** Requests answered by those runs. */
  requestsRun: number;
  waiting: number;
  refusedQueueFull: number;
  refusedDeadline: number;
}

// Costs of the first runs (allocations, kernel selection) say nothing about the steady state.
const WARM_RUNS = 2;
const EWMA_WEIGHT = 0.2;

export class ModelQueue {
  private readonly waiting: Waiting[] = [];
  private readonly idle: ModelSession[];
  private readonly buffers = new Map<ModelSession, StackingBuffers>();
  private batchTimer: NodeJS.Timeout | undefined;
  /** Smoothed run time per request, for the expected wait and Retry-After. */
  private msPerRequest: number | undefined;
  readonly stats: ModelQueueStats = { runs: 0, requestsRun: 0, waiting: 0, refusedQueueFull: 0, refusedDeadline: 0 };

  constructor(
    private readonly model: { id: string; variant: string },
    sessions: ModelSession[],
    readonly config: ServingConfig,
  ) {
    this.idle = [...sessions];
    for (const session of sessions) this.buffers.set(session, new Map());
  }

  run(feeds: Record<string, ort.Tensor>): Promise<TimedRun> {
    const deadline = currentDeadline();
    const nowMs = performance.now();
    if (deadline) {
      const leftMs = deadline.deadlineAtMs - nowMs;
      if (leftMs <= 0) return Promise.reject(this.refuse("deadline_exceeded", "the request's deadline passed before this model's turn"));
      if (this.waiting.length >= this.config.queueLimit)
        return Promise.reject(this.refuse("queue_full", `${this.waiting.length} requests are already waiting for it (the limit)`));
      const expectedWaitMs = this.expectedWaitMs();
      if (expectedWaitMs > leftMs)
        return Promise.reject(this.refuse("deadline_exceeded", `its queue needs about ${Math.round(expectedWaitMs)} ms, past the request's deadline`));
    }
    return new Promise<TimedRun>((resolve, reject) => {
      const batch = this.config.batching ? batchKeyOf(feeds) : null;
      this.waiting.push({ feeds, batch, enqueuedAtMs: nowMs, deadlineAtMs: deadline?.deadlineAtMs, resolve, reject });
      this.stats.waiting = this.waiting.length;
      this.dispatch();
    });
  }

  /** Time until a new request would reach a session, from the smoothed per-request cost. */
  private expectedWaitMs(): number {
    if (this.msPerRequest === undefined || this.idle.length > 0) return 0;
    return (this.waiting.length * this.msPerRequest) / this.config.sessions;
  }

  private retryAfterSeconds(): number {
    const drainMs = ((this.waiting.length + 1) * (this.msPerRequest ?? 100)) / this.config.sessions;
    return Math.max(1, Math.ceil(drainMs / 1000));
  }

  private refuse(reason: "queue_full" | "deadline_exceeded", why: string): OverloadedError {
    if (reason === "queue_full") this.stats.refusedQueueFull++;
    else this.stats.refusedDeadline++;
    observeInferenceRefusal({ model: this.model.id, reason });
    return new OverloadedError(this.model.id, reason, this.retryAfterSeconds(), `Model "${this.model.id}" is overloaded: ${why}. Try again after Retry-After.`);
  }

  /** Hands queued work to every free session. */
  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const taken = this.takeBatch();
      if (!taken) return;
      const live = this.dropExpired(taken);
      if (live.length) void this.execute(this.idle.pop()!, live);
    }
  }

  /** The next batch, or undefined when its first request should wait a little longer for company. */
  private takeBatch(): Waiting[] | undefined {
    const head = this.waiting[0];
    const batching = this.config.batching;
    if (!batching || !head.batch) return this.waiting.splice(0, 1);
    const chosen: number[] = [];
    let rows = 0;
    for (let i = 0; i < this.waiting.length && rows < batching.maxBatchSize; i++) {
      const candidate = this.waiting[i].batch;
      if (candidate?.key !== head.batch.key) continue;
      if (chosen.length > 0 && rows + candidate.rows > batching.maxBatchSize) continue;
      chosen.push(i);
      rows += candidate.rows;
    }
    const waitLeftMs = head.enqueuedAtMs + batching.maxQueueDelayMs - performance.now();
    if (rows < batching.maxBatchSize && waitLeftMs > 0) {
      this.batchTimer ??= setTimeout(() => {
        this.batchTimer = undefined;
        this.dispatch();
      }, waitLeftMs);
      return undefined;
    }
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = chosen.map((i) => this.waiting[i]);
    for (const i of chosen.reverse()) this.waiting.splice(i, 1);
    return batch;
  }

  private dropExpired(batch: Waiting[]): Waiting[] {
    const nowMs = performance.now();
    const live = batch.filter((w) => w.deadlineAtMs === undefined || w.deadlineAtMs > nowMs);
    for (const w of batch)
      if (!live.includes(w))
        w.reject(this.refuse("deadline_exceeded", `the request waited ${Math.round(nowMs - w.enqueuedAtMs)} ms in its queue, past its deadline`));
    this.stats.waiting = this.waiting.length;
    return live;
  }

  private async execute(session: ModelSession, batch: Waiting[]): Promise<void> {
    try {
      const startedAt = performance.now();
      const outputs = await session.run(
        stackFeeds(
          batch.map((w) => w.feeds),
          this.buffers.get(session),
        ),
      );
      const runMs = performance.now() - startedAt;
      const parts = splitOutputs(
        outputs,
        batch.map((w) => w.batch?.rows ?? 0),
      );
      this.record(runMs, batch.length);
      batch.forEach((w, i) => w.resolve({ outputs: parts[i], runMs }));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.idle.push(session);
      this.dispatch();
    }
  }

  private record(runMs: number, requests: number): void {
    this.stats.runs++;
    this.stats.requestsRun += requests;
    if (this.stats.runs > WARM_RUNS) {
      const perRequest = runMs / requests;
      this.msPerRequest = this.msPerRequest === undefined ? perRequest : this.msPerRequest + EWMA_WEIGHT * (perRequest - this.msPerRequest);
    }
    observeInference({ model: this.model.id, variant: this.model.variant, seconds: runMs / 1000 });
    observeBatch({ model: this.model.id, requests });
  }
}
