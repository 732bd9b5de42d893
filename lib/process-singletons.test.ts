import { describe, expect, it } from "vitest";
import { forgetProcessSingletons, processSingleton, processSingletonSync } from "./process-singletons";

describe("processSingleton", () => {
  it("creates once for concurrent callers and returns the same instance afterwards", async () => {
    let created = 0;
    const make = async () => ({ n: ++created });
    const [a, b] = await Promise.all([processSingleton("test:shared", make), processSingleton("test:shared", make)]);
    expect(a).toBe(b);
    expect(await processSingleton("test:shared", make)).toBe(a);
    expect(created).toBe(1);
  });

  it("forgets a failed creation so the next call tries again", async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error("not downloaded yet");
      return "loaded";
    };
    await expect(processSingleton("test:flaky", flaky)).rejects.toThrow("not downloaded yet");
    expect(await processSingleton("test:flaky", flaky)).toBe("loaded");
    expect(attempts).toBe(2);
  });

  it("forgets by key prefix and hands back what it dropped", async () => {
    await processSingleton("test:group:a", async () => 1);
    await processSingleton("test:group:b", async () => 2);
    await processSingleton("test:other", async () => 3);
    expect(await Promise.all(forgetProcessSingletons("test:group:"))).toEqual([1, 2]);
    let recreated = false;
    await processSingleton("test:group:a", async () => ((recreated = true), 1));
    expect(recreated).toBe(true);
  });
});

describe("processSingletonSync", () => {
  it("creates once and hands every caller the same instance", () => {
    let created = 0;
    const make = () => ({ n: ++created });
    const a = processSingletonSync("test:sync", make);
    expect(processSingletonSync("test:sync", make)).toBe(a);
    expect(created).toBe(1);
  });
});
