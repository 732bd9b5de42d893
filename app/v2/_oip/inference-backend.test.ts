import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { forgetProcessSingletons } from "@/lib/process-singletons";
import { expectProblem, jsonRequest } from "@/test/api-requests";
import { POST as analyzeDocument } from "@/app/api/v1/analyze/document/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as oipReady } from "@/app/v2/health/ready/route";
import { getInferenceBackend } from "@/lib/inference/inference-backend";

// With INFERENCE_BACKEND_URL set and nothing answering there, the app's own endpoints must say so
// with a 503 problem (never a 500), and readiness must turn false.

const globalForBackend = globalThis as unknown as { insightInferenceBackend?: unknown };
let closedUrl: string;

beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((resolve) => server.close(resolve));
  process.env.INFERENCE_BACKEND_URL = closedUrl;
  process.env.INFERENCE_BACKEND_TIMEOUT_MS = "2000";
  resetEnvForTests();
  delete globalForBackend.insightInferenceBackend;
  forgetProcessSingletons("onnx-session:");
});

afterAll(() => {
  delete process.env.INFERENCE_BACKEND_URL;
  delete process.env.INFERENCE_BACKEND_TIMEOUT_MS;
  resetEnvForTests();
  delete globalForBackend.insightInferenceBackend;
});

describe("a remote inference backend that is down", () => {
  it("is the backend chosen from the environment", () => {
    expect(getInferenceBackend()).toMatchObject({ kind: "remote", needsModelFile: false });
  });

  it("makes a document analysis a 503 problem naming the backend", async () => {
    const page = await sharp({ create: { width: 200, height: 60, channels: 3, background: "#fff" } })
      .composite([{ input: Buffer.from('<svg width="200" height="60"><text x="5" y="40" font-size="28" font-family="DejaVu Sans">Total 9,99</text></svg>') }])
      .png()
      .toBuffer();
    const request = jsonRequest("http://localhost/api/v1/analyze/document", { document_image: page.toString("base64") });
    const problem = await expectProblem(await analyzeDocument(request), 503, { detail: /inference backend is not reachable/ });
    expect(problem.code).toBe("service_unavailable");
    // The backend's address is the operator's business (it is in /api/ready's details), not any caller's.
    expect(problem.detail).not.toContain(closedUrl);
  });

  it("makes the instance unready, saying why to the operator only", async () => {
    const publicAnswer = await ready(new Request("http://localhost/api/ready"));
    expect(publicAnswer.status).toBe(503);
    expect(await publicAnswer.json()).toEqual({ ready: false });
    process.env.METRICS_TOKEN = "monitoring-token-0123456789";
    resetEnvForTests();
    const response = await ready(new Request("http://localhost/api/ready", { headers: { authorization: "Bearer monitoring-token-0123456789" } }));
    delete process.env.METRICS_TOKEN;
    resetEnvForTests();
    expect(response.status).toBe(503);
    const report = await response.json();
    expect(report.inference).toMatchObject({ kind: "remote", url: closedUrl, ok: false, error: expect.stringMatching(/not reachable/) });
    expect((await oipReady(new Request("http://localhost/v2/health/ready"))).status).toBe(503);
  });
});
