import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../errors";

// The model store cannot be made to lose a model here, so the session pool is replaced for this file
// only: it refuses the detection model the way it does when the file cannot be had.
vi.mock("../session-pool", () => ({
  loadModel: vi.fn(async (id: string) => {
    throw new ApiError("model_unavailable", `Model "${id}" is not available: not in the mirror, downloads disabled`, { model: id });
  }),
  runSession: vi.fn(),
}));

describe("recognizeText without its models", () => {
  it("throws ApiError model_unavailable, which callers turn into available: false", async () => {
    const { recognizeText } = await import("./recognize-text");
    const error = await recognizeText({ pixels: Buffer.alloc(32 * 32 * 3, 255), width: 32, height: 32 }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("model_unavailable");
    expect(error.status).toBe(503);
  });
});
