import { processSingletonSync } from "../process-singletons";
import { createMetrics, type Metrics, type MetricsOptions } from "./registry";

/**
 * The app's one metrics registry (per process, whatever copies of this module Next loads) and the
 * small hooks the rest of the code calls. The hooks never throw: a metric must not fail a request.
 */

/** What the gauges read at scrape time: the job queue's depths and the worker pool's state. */
export type MetricReaders = Pick<MetricsOptions, "readQueueDepths" | "readWorkerPool">;

function metricsState(): { metrics: Metrics; readers: MetricReaders } {
  return processSingletonSync("metrics-registry", () => {
    // The registry keeps this object and reads it at every scrape, so readers handed in later count.
    const readers: MetricReaders = {};
    return { readers, metrics: createMetrics(readers) };
  });
}

export function getMetrics(): Metrics {
  return metricsState().metrics;
}

/**
 * Hands the registry its scrape-time readers. Metrics sit below the queue and the worker pool they
 * report on, so they never import them: the caller that knows both (the scrape route) passes them in.
 */
export function provideMetricReaders(readers: MetricReaders): void {
  Object.assign(metricsState().readers, readers);
}

function safely(record: () => void): void {
  try {
    record();
  } catch {
    // A label or value prom-client refuses is a bug to see in tests, never a failed request.
  }
}

export function observeRequest({ route, method, status, seconds }: { route: string; method: string; status: number; seconds: number }): void {
  safely(() => {
    const labels = { route, method, status: String(status) };
    const metrics = getMetrics();
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
  });
}

export function observeInference({ model, variant, seconds }: { model: string; variant: string; seconds: number }): void {
  safely(() => getMetrics().inferenceDuration.observe({ model, variant }, seconds));
}

export function observeBatch({ model, requests }: { model: string; requests: number }): void {
  safely(() => getMetrics().inferenceBatchSize.observe({ model }, requests));
}

export function observeInferenceRefusal({ model, reason }: { model: string; reason: string }): void {
  safely(() => getMetrics().inferenceRefusals.inc({ model, reason }));
}

export type JobOutcome = "done" | "failed" | "cancelled";

export function observeJobOutcome({ queue, outcome }: { queue: string; outcome: JobOutcome }): void {
  safely(() => getMetrics().jobOutcomes.inc({ queue, outcome }));
}

export function observeRateLimitRejection({ plan, caller }: { plan: string; caller: string }): void {
  safely(() => getMetrics().rateLimitRejections.inc({ plan, caller }));
}
