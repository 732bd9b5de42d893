import { describe, expect, it } from "vitest";
import { authorization as adminKey } from "@/test/api-requests";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { GET } from "./[id]/route";
import { POST } from "./route";

const post = (body: string, authorization?: string, headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost/api/v1/benchmarks/runs", { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers }, body }));
const token = adminKey.replace(/^Bearer /, "");

describe("POST /api/v1/benchmarks/runs", () => {
  it("needs an admin account or a key with the benchmarks:run scope", async () => {
    expect((await post("{}")).status).toBe(401);
    expect((await post("{}", "Bearer ie_" + "x".repeat(43))).status).toBe(401);
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

  it("starts a real run in the background, answers 202, and the run can be read back", async () => {
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
