import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { GET } from "./route";

// The queue depths come from the database; e2e/metrics.spec.ts reads them from a real one.
vi.mock("@/lib/jobs/queue-depth", () => ({ readQueueDepths: async () => [{ queue: "batch-item", state: "queued", count: 2 }] }));

const TOKEN = "scrape-token-0123456789abcdef";
const scrape = (headers: Record<string, string> = {}) => GET(new Request("http://localhost/api/metrics", { headers }));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_PUBLIC;
  resetEnvForTests();
});

const openMetrics = () => {
  process.env.METRICS_PUBLIC = "true";
  resetEnvForTests();
};

describe("GET /api/metrics", () => {
  it("is not served on the public port by default: 403 problem+json saying how an operator opens it", async () => {
    const response = await scrape();
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).detail).toContain("METRICS_TOKEN");
  });

  it("is open when the operator sets METRICS_PUBLIC=true (and no token)", async () => {
    openMetrics();
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toContain('insight_job_queue_depth{queue="batch-item",state="queued"} 2');
  });

  it("needs the bearer token when METRICS_TOKEN is set: 401 problem+json without it or with a wrong one", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }, { authorization: "Bearer " }];
    for (const headers of attempts) {
      const response = await scrape(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await response.json()).code).toBe("unauthorized");
    }
    const allowed = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("# TYPE insight_http_requests_total counter");
  });

  it("counts its own scrapes under its route pattern, never the raw URL", async () => {
    openMetrics();
    await GET(new Request("http://localhost/api/metrics?x=1"));
    const text = await (await scrape()).text();
    expect(text).toMatch(/insight_http_requests_total\{route="GET \/api\/metrics",method="GET",status="200"\} \d+/);
    expect(text).not.toContain("?x=1");
  });
});
