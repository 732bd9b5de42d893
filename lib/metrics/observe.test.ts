import { describe, expect, it } from "vitest";
import { getMetrics, observeJobOutcome, observeRequest } from "./observe";

// Reads the metrics themselves rather than scraping: a scrape would also read the queue depths
// from a database (registry.test.ts covers the text format).
const metricValue = async (
  metric: { get(): Promise<{ values: { labels: object; value: number; metricName?: string }[] }> },
  labels: object,
  metricName?: string,
) => (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels) && (!metricName || v.metricName === metricName))?.value;

describe("the metric hooks", () => {
  it("record into one process-wide registry", async () => {
    expect(getMetrics()).toBe(getMetrics());
    const labels = { route: "POST /api/v1/test/{id}", method: "POST", status: "429" };
    observeRequest({ route: labels.route, method: "POST", status: 429, seconds: 0.2 });
    observeJobOutcome({ queue: "webhook-delivery", outcome: "failed" });
    const metrics = getMetrics();
    expect(await metricValue(metrics.httpRequests, labels)).toBe(1);
    expect(await metricValue(metrics.httpDuration, labels, "insight_http_request_duration_seconds_count")).toBe(1);
    expect(await metricValue(metrics.jobOutcomes, { queue: "webhook-delivery", outcome: "failed" })).toBe(1);
  });

  it("never throw, whatever they are given", () => {
    expect(() => observeRequest({ route: "GET /x", method: "GET", status: 200, seconds: Number.NaN })).not.toThrow();
  });
});
