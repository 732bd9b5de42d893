import { describe, expect, it } from "vitest";
import { int8EmulationSkip, isInt8EmulationRequired } from "./int8-emulation";

describe("when the emulated-AVX2 int8 tests may skip", () => {
  it("is required in CI and by REQUIRE_INT8_EMULATION=1, not otherwise", () => {
    expect(isInt8EmulationRequired({ CI: "true" })).toBe(true);
    expect(isInt8EmulationRequired({ CI: "1" })).toBe(true);
    expect(isInt8EmulationRequired({ REQUIRE_INT8_EMULATION: "1" })).toBe(true);
    expect(isInt8EmulationRequired({})).toBe(false);
    expect(isInt8EmulationRequired({ CI: "false" })).toBe(false);
  });

  it("skips with the reason locally, and never skips when required (the test then fails with the reason)", () => {
    expect(int8EmulationSkip("qemu-x86_64 is not installed", false)).toBe("qemu-x86_64 is not installed");
    expect(int8EmulationSkip("qemu-x86_64 is not installed", true)).toBeUndefined();
    expect(int8EmulationSkip(undefined, false)).toBeUndefined();
  });
});
