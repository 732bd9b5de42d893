import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { expectProblem, jsonRequest } from "@/test/api-requests";
import { POST } from "./route";

// The image-text pipeline runs its models in parallel and degrades a model that cannot be had to
// `available: false`; a model that refuses work for overload must instead fail the whole request
// with 503, or a client under load would take a half-empty 200 for an answer.
describe("POST /api/v1/analyze/image-text under load", () => {
  it("answers 503 with Retry-After when its model work would start past the request's deadline", async () => {
    const jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: "#3366aa" } })
      .jpeg()
      .toBuffer();
    const request = jsonRequest(
      "http://localhost/api/v1/analyze/image-text",
      { image: jpeg.toString("base64"), text: "a blue square" },
      { "x-request-timeout-ms": "1" },
    );
    const response = await POST(request);
    const problem = await expectProblem(response, 503, { code: "service_unavailable", detail: /deadline/ });
    expect(problem.reason).toBe("deadline_exceeded");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
