import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { parsePrometheusText, sampleValue } from "../test/prometheus-text";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { monitoringHeaders } from "./monitoring-token";

// GET /api/metrics on the production server of the suite: strictly valid Prometheus text, and a
// request made here shows up under its route pattern between two scrapes.

async function scrape(baseURL: string) {
  const response = await fetch(`${baseURL}/api/metrics`, { headers: monitoringHeaders });
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

test("an analysis shows up in the inference histogram of each ONNX model it ran", async ({ baseURL }) => {
  const jar = await signUpAndSignIn(baseURL!, `metrics-${Date.now()}@example.com`, "metrics test passphrase");
  const { key } = await createKey(baseURL!, jar, ["analyze"]);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="120"><rect width="100%" height="100%" fill="white"/><text x="30" y="75" font-family="DejaVu Sans Mono" font-size="34">Metrics 42.50 EUR</text></svg>`;
  const page = (await sharp(Buffer.from(svg)).png().toBuffer()).toString("base64");
  const detector = { model: "ppocr-v4-det", variant: "full_precision" };
  const runsBefore = sampleValue(await scrape(baseURL!), "insight_inference_duration_seconds_count", detector) ?? 0;
  const response = await fetch(`${baseURL}/api/v1/analyze/document`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ document_image: page }),
  });
  expect(response.status).toBe(200);
  const after = await scrape(baseURL!);
  expect(sampleValue(after, "insight_inference_duration_seconds_count", detector)! - runsBefore).toBeGreaterThanOrEqual(1);
  expect(sampleValue(after, "insight_inference_duration_seconds_count", { model: "ppocr-v4-rec", variant: "full_precision" })).toBeGreaterThanOrEqual(1);
  expect(sampleValue(after, "insight_http_requests_total", { route: "POST /api/v1/analyze/document", method: "POST", status: "200" })).toBeGreaterThanOrEqual(
    1,
  );
});
