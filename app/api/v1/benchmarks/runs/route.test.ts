import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { GET } from "./[id]/route";
import { POST } from "./route";

const token = "test-admin-token-0123456789abcdef";
const post = (body: string, authorization?: string) =>
  POST(new Request("http://localhost/api/v1/benchmarks/runs", { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body }));
const withToken = () => {
  process.env.ADMIN_TOKEN = token;
  resetEnvForTests();
};

afterEach(() => {
  delete process.env.ADMIN_TOKEN;
  resetEnvForTests();
});

describe("POST /api/v1/benchmarks/runs", () => {
  it("is disabled without ADMIN_TOKEN", async () => {
    const response = await post("{}", `Bearer ${token}`);
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toMatch(/ADMIN_TOKEN/);
  });

  it("needs the right bearer token", async () => {
    withToken();
    expect((await post("{}")).status).toBe(401);
    expect((await post("{}", "Bearer wrong-token-wrong-token-wrong")).status).toBe(403);
    expect((await post("{}", `Basic ${token}`)).status).toBe(401);
  });

  it("rejects bad bodies", async () => {
    withToken();
    expect((await post("{not json", `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"preset":"forever"}', `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"models":[]}', `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"extra":1}', `Bearer ${token}`)).status).toBe(400);
    expect((await post("x".repeat(20_000), `Bearer ${token}`)).status).toBe(413);
  });

  it("starts a real run in the background, answers 202, and the run can be read back", async () => {
    withToken();
    const response = await post(JSON.stringify({ models: ["mobilenetv2-int8"] }), `Bearer ${token}`);
    expect(response.status).toBe(202);
    const { run_id: runId, href } = await response.json();
    expect(response.headers.get("location")).toBe(href);
    // A second run while the first is going is a conflict.
    expect((await post("{}", `Bearer ${token}`)).status).toBe(409);
    let run: { status: string; results: unknown[] } | undefined;
    for (let i = 0; i < 240 && run?.status !== "done"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const read = await GET(new Request(`http://localhost${href}`), { params: Promise.resolve({ id: runId }) });
      expect(read.status).toBe(200);
      run = await read.json();
    }
    expect(run?.status).toBe("done");
    expect(run?.results).toHaveLength(1);
  }, 150_000);

  it("answers 404 for unknown or malformed run ids", async () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "'; drop table benchmark_runs; --"]) {
      const response = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });
});
