import { describe, expect, it, vi } from "vitest";
import { ModelUnavailableError } from "../../domain-errors";
import { toProblem } from "../../errors";

// The model store cannot be made to lose a model here, so the session pool is replaced for this file
// only: it refuses the detection model the way it does when the file cannot be had.
vi.mock("../session-pool", () => ({
  loadModel: vi.fn(async (id: string) => {
    throw new ModelUnavailableError(id, `Model "${id}" is not available: not in the mirror, downloads disabled`);
  }),
  runSession: vi.fn(),
}));

describe("recognizeText without its models", () => {
  it("throws ModelUnavailableError (503 model_unavailable at the API), which callers turn into available: false", async () => {
    const { recognizeText } = await import("./recognize-text");
    const error = await recognizeText({ pixels: Buffer.alloc(32 * 32 * 3, 255), width: 32, height: 32 }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    const { problem, headers } = toProblem(error);
    expect(problem).toMatchObject({ code: "model_unavailable", status: 503, model: error.modelId });
    expect(headers["retry-after"]).toBe("30");
  });
});
