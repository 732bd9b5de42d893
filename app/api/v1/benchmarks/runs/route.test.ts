import { describe, expect, it } from "vitest";
import { authorization as adminKey } from "@/test/api-requests";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { stopJobQueue } from "@/lib/jobs/job-queue";
import { startJobWorkers } from "@/lib/instance/job-runners";
import { GET as getJob } from "../../jobs/[id]/route";
import { GET } from "./[id]/route";
import { POST } from "./route";

const post = (body: string, authorization?: string, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://localhost/api/v1/benchmarks/runs", {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers },
      body,
    }),
  );
const token = adminKey.replace(/^Bearer /, "");

describe("POST /api/v1/benchmarks/runs", () => {
  it("needs an admin account or a key with the benchmarks:run scope", async () => {
    expect((await post("{}")).status).toBe(401);
    expect((await post("{}", `Bearer ie_${"x".repeat(43)}`)).status).toBe(401);
    expect((await post("{}", `Basic ${token}`)).status).toBe(401);
    const adminWithoutScope = await createTestKey({ role: "admin", scopes: ["analyze"] });
    expect((await post("{}", adminWithoutScope.authorization)).status).toBe(403);
    const user = await createTestKey({ role: "user" });
    expect((await post("{}", user.authorization)).status).toBe(403);
    // A signed-in user (not admin) is refused too, by role.
    const cookie = await sessionCookieFor((await createTestUser({ role: "user" })).id);
    const bySession = await post("{}", undefined, { cookie });
    expect(bySession.status).toBe(403);
    expect((await bySession.json()).detail).toMatch(/benchmarks:run/);
  });

  it("rejects bad bodies", async () => {
    expect((await post("{not json", `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"preset":"forever"}', `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"models":[]}', `Bearer ${token}`)).status).toBe(400);
    expect((await post('{"extra":1}', `Bearer ${token}`)).status).toBe(400);
    expect((await post("x".repeat(20_000), `Bearer ${token}`)).status).toBe(413);
  });

  it("queues a real run as a job (202), which a worker runs; the run can be read back", async () => {
    await startJobWorkers();
    try {
      const response = await post(JSON.stringify({ models: ["mobilenetv2-int8"], preset: "quick" }), adminKey);
      expect(response.status).toBe(202);
      const job = await response.json();
      expect(job).toMatchObject({ kind: "benchmark", status: "queued", progress: { total: 1, done: 0 } });
      expect(response.headers.get("location")).toBe(`/api/v1/jobs/${job.id}`);
      // The same run again while this one is pending is a conflict.
      expect((await post(JSON.stringify({ models: ["mobilenetv2-int8"] }), adminKey)).status).toBe(409);
      let view = job;
      for (let i = 0; i < 300 && view.status !== "done" && view.status !== "failed"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        view = await (
          await getJob(new Request(`http://localhost/api/v1/jobs/${job.id}`, { headers: { authorization: adminKey } }), {
            params: Promise.resolve({ id: job.id }),
          })
        ).json();
      }
      expect(view).toMatchObject({ status: "done", progress: { total: 1, done: 1, failed: 0 } });
      const runId = view.summary.run_id;
      const read = await GET(new Request(`http://localhost/api/v1/benchmarks/runs/${runId}`), { params: Promise.resolve({ id: runId }) });
      expect(read.status).toBe(200);
      const run = await read.json();
      expect(run.status).toBe("done");
      expect(run.results).toHaveLength(1);
      // Another user cannot see the admin's job.
      const stranger = await createTestKey({ role: "user" });
      const hidden = await getJob(new Request(`http://localhost/api/v1/jobs/${job.id}`, { headers: { authorization: stranger.authorization } }), {
        params: Promise.resolve({ id: job.id }),
      });
      expect(hidden.status).toBe(404);
    } finally {
      await stopJobQueue(2_000);
    }
  }, 200_000);

  it("answers 404 for unknown or malformed run ids", async () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "'; drop table benchmark_runs; --"]) {
      const response = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });
});
