import { describe, expect, it, vi } from "vitest";
import { DomainError, ImageDecodeError, ModelUnavailableError, OverloadedError } from "./domain-errors";
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

  it("tell the kinds apart when a production build has made every class anonymous", async () => {
    vi.resetModules();
    const minified = await import("./domain-errors");
    for (const value of Object.values(minified)) if (typeof value === "function") Object.defineProperty(value, "name", { value: "" });
    const overload = new minified.OverloadedError("mobilenetv2-int8", "queue_full", 2, "busy");
    expect(overload).toBeInstanceOf(OverloadedError);
    expect(overload).toBeInstanceOf(DomainError);
    // The image-text pipeline degrades only ModelUnavailableError to `available: false`: an overload must not pass for one.
    expect(overload).not.toBeInstanceOf(ModelUnavailableError);
    expect(new minified.ModelUnavailableError("m", "gone")).not.toBeInstanceOf(OverloadedError);
    expect(overload.name).toBe("OverloadedError");
    expect(toProblem(overload)).toMatchObject({ problem: { status: 503, code: "service_unavailable", reason: "queue_full" }, headers: { "retry-after": "2" } });
  });
});
