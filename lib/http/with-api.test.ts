import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { jsonResponse, withApi } from "./with-api";

const open = (route: string) => {
  const [method, path] = route.split(" ") as ["GET" | "POST", string];
  return {
    operationId: "test",
    method,
    path,
    tag: "Test",
    summary: "test",
    auth: "public" as const,
    scope: null,
    rateLimit: false as const,
    recordUsage: false,
    responses: {},
  };
};

describe("withApi", () => {
  it("gives each response a request id, keeping a caller's plain one", async () => {
    const route = withApi(open("GET /t"), () => jsonResponse({ ok: true }));
    const generated = await route(new Request("http://x/t"));
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await route(new Request("http://x/t", { headers: { "x-request-id": "client-trace-0001" } }));
    expect(kept.headers.get("x-request-id")).toBe("client-trace-0001");
    const hostile = await route(new Request("http://x/t", { headers: { "x-request-id": "<script>alert(1)</script>" } }));
    expect(hostile.headers.get("x-request-id")).not.toContain("<");
  });

  it("renders thrown ApiErrors as problem+json with the path as instance", async () => {
    const route = withApi(open("POST /t"), () => {
      throw new ApiError("unsupported_media_type", "Send JSON or multipart/form-data.");
    });
    const response = await route(new Request("http://x/api/t?q=1", { method: "POST" }));
    expect(response.status).toBe(415);
    const body = await response.json();
    expect(body.instance).toBe("/api/t");
    expect(body.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("answers 500 without details when the handler crashes", async () => {
    const route = withApi(open("GET /t"), async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secretField')");
    });
    const response = await route(new Request("http://x/t"));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secretField");
  });

  it("passes route params through", async () => {
    const route = withApi(open("GET /t/{id}"), (_req, ctx) => jsonResponse({ id: ctx.params.id }));
    const response = await route(new Request("http://x/t/42"), { params: Promise.resolve({ id: "42" }) });
    expect(await response.json()).toEqual({ id: "42" });
  });

  it("answers 404 problem+json for a declared path param that is empty or over 200 characters, before the handler runs", async () => {
    let ran = 0;
    const route = withApi({ ...open("GET /t/{id}"), params: { id: "An id" } }, (_req, ctx) => {
      ran++;
      return jsonResponse({ id: ctx.params.id });
    });
    const call = (id: string) => route(new Request(`http://x/t/${id}`), { params: Promise.resolve({ id }) });
    expect((await call("x".repeat(200))).status).toBe(200);
    for (const id of ["x".repeat(201), ""]) {
      const refused = await call(id);
      expect(refused.status).toBe(404);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect((await refused.json()).detail).toMatch(/at most 200 characters/);
    }
    expect(ran).toBe(1);
  });
});
