import { describe, expect, it } from "vitest";
import { type Sample, slopePerSecond, soakVerdict } from "./leak-trend";

const MB = 2 ** 20;
const run = (rss: (t: number) => number, fds: (t: number) => number): Sample[] =>
  Array.from({ length: 41 }, (_, i) => ({ atMs: i * 3000, rssBytes: rss(i * 3), fds: fds(i * 3) }));

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
});
