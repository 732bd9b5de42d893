import { describe, expect, it, vi } from "vitest";
import { DomainError, ImageDecodeError, ModelUnavailableError } from "./domain-errors";
import { toProblem } from "./errors";

describe("domain errors across module copies", () => {
  it("are recognised by kind when another copy of the module made them (start-up and routes are bundled apart)", async () => {
    vi.resetModules();
    const other = await import("./domain-errors");
    expect(other.ModelUnavailableError).not.toBe(ModelUnavailableError);
    const error = new other.ModelUnavailableError("mobilenetv2-int8", "not available here");
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).not.toBeInstanceOf(ImageDecodeError);
    expect(new Error("plain")).not.toBeInstanceOf(DomainError);
    expect(toProblem(error)).toMatchObject({ expected: true, problem: { status: 503, code: "model_unavailable" } });
  });
});
