import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../../test/prometheus-text";
import { createMetrics } from "./registry";

describe("the metrics registry", () => {
  it("exposes the app's metrics with their labels in strict Prometheus text", async () => {
    const metrics = createMetrics({
      defaultMetrics: false,
      readQueueDepths: async () => [
        { queue: "batch-item", state: "queued", count: 3 },
        { queue: "batch-item", state: "active", count: 1 },
      ],
      readWorkerPool: () => ({ threads: 2, queued: 5, utilization: 0.75 }),
    });
    const labels = { route: "GET /api/v1/models", method: "GET", status: "200" };
    metrics.httpRequests.inc(labels);
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, 0.03);
    metrics.inferenceDuration.observe({ model: "yolox-nano-int8", variant: "quantized" }, 0.004);
    metrics.inferenceBatchSize.observe({ model: "mobilenetv2-int8" }, 3);
    metrics.inferenceRefusals.inc({ model: "mobilenetv2-int8", reason: "queue_full" });
    metrics.jobOutcomes.inc({ queue: "batch-item", outcome: "cancelled" });
    metrics.rateLimitRejections.inc({ plan: "free", caller: "key" });

    const families = parsePrometheusText(await metrics.registry.metrics());
    expect([...families.keys()].sort()).toEqual([
      "insight_http_request_duration_seconds",
      "insight_http_requests_total",
      "insight_inference_batch_size",
      "insight_inference_duration_seconds",
      "insight_inference_refusals_total",
      "insight_job_outcomes_total",
      "insight_job_queue_depth",
      "insight_js_worker_pool",
      "insight_rate_limit_rejections_total",
    ]);
    expect(sampleValue(families, "insight_http_requests_total", labels)).toBe(2);
    expect(sampleValue(families, "insight_http_request_duration_seconds_bucket", { ...labels, le: "0.025" })).toBe(0);
    expect(sampleValue(families, "insight_http_request_duration_seconds_bucket", { ...labels, le: "0.05" })).toBe(1);
    expect(sampleValue(families, "insight_inference_duration_seconds_count", { model: "yolox-nano-int8", variant: "quantized" })).toBe(1);
    expect(sampleValue(families, "insight_inference_batch_size_bucket", { model: "mobilenetv2-int8", le: "2" })).toBe(0);
    expect(sampleValue(families, "insight_inference_batch_size_bucket", { model: "mobilenetv2-int8", le: "3" })).toBe(1);
    expect(sampleValue(families, "insight_inference_refusals_total", { model: "mobilenetv2-int8", reason: "queue_full" })).toBe(1);
    expect(sampleValue(families, "insight_job_outcomes_total", { queue: "batch-item", outcome: "cancelled" })).toBe(1);
    expect(sampleValue(families, "insight_rate_limit_rejections_total", { plan: "free", caller: "key" })).toBe(1);
    expect(sampleValue(families, "insight_job_queue_depth", { queue: "batch-item", state: "queued" })).toBe(3);
    expect(families.get("insight_job_queue_depth")?.type).toBe("gauge");
    expect(sampleValue(families, "insight_js_worker_pool", { measure: "queued" })).toBe(5);
    expect(sampleValue(families, "insight_js_worker_pool", { measure: "utilization" })).toBe(0.75);
    expect(families.get("insight_http_request_duration_seconds")?.type).toBe("histogram");
  });

  it("still answers when the queue-depth reader fails, without the stale depths", async () => {
    let fail = false;
    const metrics = createMetrics({
      defaultMetrics: false,
      readQueueDepths: async () => {
        if (fail) throw new Error("database away");
        return [{ queue: "maintenance", state: "queued", count: 1 }];
      },
    });
    expect(sampleValue(parsePrometheusText(await metrics.registry.metrics()), "insight_job_queue_depth", { queue: "maintenance", state: "queued" })).toBe(1);
    fail = true;
    const families = parsePrometheusText(await metrics.registry.metrics());
    expect(families.get("insight_job_queue_depth")?.samples).toEqual([]);
  });

  it("includes the default process metrics under the insight_ prefix", async () => {
    const families = parsePrometheusText(await createMetrics().registry.metrics());
    for (const name of ["insight_nodejs_eventloop_lag_seconds", "insight_process_resident_memory_bytes", "insight_nodejs_heap_size_used_bytes"]) {
      expect(families.has(name), name).toBe(true);
    }
  });

  it("the strict reader refuses malformed text", () => {
    expect(() => parsePrometheusText('# TYPE a counter\na{x="1} 2\n')).toThrow();
    expect(() => parsePrometheusText("b 1\n")).toThrow(/no TYPE-d family/);
    expect(() => parsePrometheusText("# TYPE a counter\na one\n")).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')).toThrow(/cumulative/);
  });
});
