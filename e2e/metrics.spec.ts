import { expect, test } from "@playwright/test";
import { parsePrometheusText, sampleValue } from "../test/prometheus-text";

// GET /api/metrics on the production server of the suite: strictly valid Prometheus text, and a
// request made here shows up under its route pattern between two scrapes.

async function scrape(baseURL: string) {
  const response = await fetch(`${baseURL}/api/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

test("GET /api/metrics is Prometheus text and counts a request made between two scrapes", async ({ baseURL }) => {
  const models = { route: "GET /api/v1/models", method: "GET", status: "200" };
  const before = await scrape(baseURL!);
  const countBefore = sampleValue(before, "insight_http_requests_total", models) ?? 0;
  const histogramBefore = sampleValue(before, "insight_http_request_duration_seconds_count", models) ?? 0;

  expect((await fetch(`${baseURL}/api/v1/models`)).status).toBe(200);

  const after = await scrape(baseURL!);
  expect(sampleValue(after, "insight_http_requests_total", models)! - countBefore).toBeGreaterThanOrEqual(1);
  expect(sampleValue(after, "insight_http_request_duration_seconds_count", models)! - histogramBefore).toBeGreaterThanOrEqual(1);
  // The route pattern, never the raw URL.
  for (const sample of after.get("insight_http_requests_total")!.samples) expect(sample.labels.route).toMatch(/^[A-Z*]+ \/api\//);

  // Read from pg-boss's table in the server's own (embedded) database at scrape time.
  expect(sampleValue(after, "insight_job_queue_depth", { queue: "batch-item", state: "queued" })).toBeGreaterThanOrEqual(0);
  for (const name of ["insight_nodejs_eventloop_lag_seconds", "insight_process_resident_memory_bytes", "insight_nodejs_heap_size_used_bytes"]) {
    expect(after.has(name), name).toBe(true);
  }
  expect(sampleValue(after, "insight_process_resident_memory_bytes", {})).toBeGreaterThan(10 * 1024 * 1024);
});
