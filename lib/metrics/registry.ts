import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Every metric the app exposes, in one registry of its own (not prom-client's global `register`,
 * which a second copy of prom-client loaded by another bundle would not share). Names carry the
 * `insight_` prefix, the default process metrics (event-loop lag, memory, GC) too, so one
 * `{__name__=~"insight_.*"}` selects the whole app. Labels are bounded sets: route patterns from the
 * code (never raw URLs), model ids from the manifest, queue names, plan and caller kinds.
 */

export interface QueueDepth {
  queue: string;
  state: "queued" | "active";
  count: number;
}

export interface MetricsOptions {
  /** Read at scrape time for the queue-depth gauge; throwing or slow readers leave it empty for that scrape. */
  readQueueDepths?: () => Promise<QueueDepth[]>;
  /** Read at scrape time for the JavaScript worker pool gauges (lib/workers). */
  readWorkerPool?: () => { threads: number; queued: number; utilization: number };
  /** prom-client's process metrics (off in tests that count series). */
  defaultMetrics?: boolean;
}

export const METRIC_PREFIX = "insight_";

// Seconds. API calls run from ~1 ms (health) to tens of seconds (a large OCR document).
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
// One ONNX Runtime `run`: sub-millisecond (small classifiers) to seconds (OCR recognition batches).
const inferenceBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: MetricsOptions = {}) {
  const registry = new Registry();
  const registers = [registry];
  const metrics = {
    registry,
    httpRequests: new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: "API requests answered, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: "Time from a request reaching the API wrapper to its response, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: requestBuckets,
      registers,
    }),
    inferenceDuration: new Histogram({
      name: `${METRIC_PREFIX}inference_duration_seconds`,
      help: "One ONNX Runtime session run, by model id and variant (full_precision, quantized, pruned).",
      labelNames: ["model", "variant"] as const,
      buckets: inferenceBuckets,
      registers,
    }),
    inferenceBatchSize: new Histogram({
      name: `${METRIC_PREFIX}inference_batch_size`,
      help: "Requests stacked into one ONNX Runtime session run by dynamic batching, by model id.",
      labelNames: ["model"] as const,
      buckets: [1, 2, 3, 4, 6, 8, 12, 16, 32],
      registers,
    }),
    inferenceRefusals: new Counter({
      name: `${METRIC_PREFIX}inference_refusals_total`,
      help: "Model work refused with 503 before it ran, by model id and reason (queue_full, deadline_exceeded).",
      labelNames: ["model", "reason"] as const,
      registers,
    }),
    jobOutcomes: new Counter({
      name: `${METRIC_PREFIX}job_outcomes_total`,
      help: "Queued work that reached an outcome, by queue and outcome (done, failed, cancelled).",
      labelNames: ["queue", "outcome"] as const,
      registers,
    }),
    rateLimitRejections: new Counter({
      name: `${METRIC_PREFIX}rate_limit_rejections_total`,
      help: "Calls refused with 429, by the caller's plan and kind (key, session, guest, anonymous).",
      labelNames: ["plan", "caller"] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: `${METRIC_PREFIX}job_queue_depth`,
      help: "Jobs waiting (queued, including retries) or running (active) per queue, read from the database at scrape time.",
      labelNames: ["queue", "state"] as const,
      registers,
      async collect() {
        this.reset();
        if (!options.readQueueDepths) return;
        try {
          for (const row of await options.readQueueDepths()) this.set({ queue: row.queue, state: row.state }, row.count);
        } catch {
          // A database that is slow or away must not fail the scrape: the series is simply absent
          // this time, which dashboards show as a gap (readiness reports the database separately).
        }
      },
    }),
    workerPool: new Gauge({
      name: `${METRIC_PREFIX}js_worker_pool`,
      help: "The JavaScript worker pool (safety layers off the event loop): threads running, tasks queued for a thread, and utilisation (0..1, share of thread time busy since start).",
      labelNames: ["measure"] as const,
      registers,
      collect() {
        this.reset();
        const stats = options.readWorkerPool?.();
        if (!stats) return;
        this.set({ measure: "threads" }, stats.threads);
        this.set({ measure: "queued" }, stats.queued);
        this.set({ measure: "utilization" }, stats.utilization);
      },
    }),
  };
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
