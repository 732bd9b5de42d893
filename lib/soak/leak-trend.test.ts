import { describe, expect, it } from "vitest";
import { type Sample, slopePerSecond, soakVerdict } from "./leak-trend";

const MB = 2 ** 20;
const run = (rss: (t: number) => number, fds: (t: number) => number, heap?: (t: number) => number): Sample[] =>
  Array.from({ length: 41 }, (_, i) => ({ atMs: i * 3000, rssBytes: rss(i * 3), fds: fds(i * 3), heapUsedBytes: heap?.(i * 3) }));

describe("soak leak verdict", () => {
  it("fits a least-squares slope", () => {
    expect(slopePerSecond([0, 1, 2, 3].map((s) => ({ atMs: s * 1000, value: 5 + 2 * s })))).toBeCloseTo(2);
  });

  it("passes a server that grows during warm-up and then holds steady with noise", () => {
    const verdict = soakVerdict(
      run(
        (t) => (t < 50 ? 300 + t * 4 : 500 + ((t * 7) % 11)) * MB,
        (t) => (t < 30 ? 40 + t : 70 + (t % 3)),
      ),
    );
    expect(verdict.leaks).toEqual([]);
  });

  it("flags RSS that keeps growing after warm-up, and file descriptors that keep opening", () => {
    const verdict = soakVerdict(
      run(
        (t) => (300 + t) * MB,
        (t) => 40 + t,
      ),
    );
    expect(verdict.leaks).toHaveLength(2);
    expect(verdict.rssSlopeBytesPerSecond * 60).toBeCloseTo(60 * MB, -3);
  });

  it("flags a heap that keeps growing after full collections even while RSS holds (V8 reuses freed pages)", () => {
    const verdict = soakVerdict(
      run(
        () => 900 * MB,
        () => 60,
        (t) => (120 + t / 6) * MB, // 10 MB/min
      ),
    );
    expect(verdict.leaks).toEqual([expect.stringContaining("heap still in use after a full GC grows 10.0 MB/min")]);
  });

  it("passes a steady heap after full collections, and says nothing of the heap when the server does not report it", () => {
    const steady = soakVerdict(
      run(
        () => 900 * MB,
        () => 60,
        (t) => (130 + ((t * 5) % 7)) * MB,
      ),
    );
    expect(steady.leaks).toEqual([]);
    expect(Math.abs(steady.heapSlopeBytesPerSecond!)).toBeLessThan(steady.heapSlopeLimitBytesPerSecond);
    expect(
      soakVerdict(
        run(
          () => 900 * MB,
          () => 60,
        ),
      ).heapSlopeBytesPerSecond,
    ).toBeUndefined();
  });
});
