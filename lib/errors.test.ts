import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, problemResponse, toProblem } from "./errors";

describe("problem+json rendering", () => {
  it("renders an ApiError with RFC 9457 members and the request id", async () => {
    const response = problemResponse(new ApiError("payload_too_large", "The image is 30 MB; the limit is 15 MB."), {
      requestId: "req-12345678",
      instance: "/api/v1/analyze/image-text",
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
    const body = await response.json();
    expect(body).toMatchObject({
      type: "/docs/errors#payload_too_large",
      title: "Payload too large",
      status: 413,
      detail: "The image is 30 MB; the limit is 15 MB.",
      instance: "/api/v1/analyze/image-text",
      request_id: "req-12345678",
    });
  });

  it("recognises an ApiError made by another copy of this module (another bundle) as expected, not a 500", async () => {
    vi.resetModules();
    const copy = await import("./errors");
    expect(copy.ApiError).not.toBe(ApiError);
    const foreign = new copy.ApiError("service_unavailable", "The inference backend is not reachable.");
    expect(foreign instanceof ApiError).toBe(true);
    expect(new Error("x") instanceof ApiError).toBe(false);
    const { problem, expected } = toProblem(foreign);
    expect(expected).toBe(true);
    expect(problem).toMatchObject({ status: 503, code: "service_unavailable", detail: "The inference backend is not reachable." });
  });

  it("turns a zod error into a 400 listing each field", () => {
    const result = z.object({ text: z.string().min(1) }).safeParse({ text: "" });
    const { problem, expected } = toProblem(result.error);
    expect(expected).toBe(true);
    expect(problem.status).toBe(400);
    expect(problem.errors?.[0]?.field).toBe("text");
  });

  it("hides an unexpected error behind a generic 500", async () => {
    const response = problemResponse(new Error("password=hunter2 at db.internal:5432"), { requestId: "req-abcdefgh" });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("db.internal");
    expect(JSON.parse(text).request_id).toBe("req-abcdefgh");
  });

  it("passes extra headers such as Retry-After through", () => {
    const response = problemResponse(new ApiError("rate_limited", "Slow down.", { headers: { "retry-after": "7" } }));
    expect(response.headers.get("retry-after")).toBe("7");
  });
});
