import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize-text";

/**
 * Property-based tests of the safety normaliser: it reads untrusted text of any shape (lone
 * surrogates, controls, bidi overrides, stacks of combining marks), so it must never throw, every
 * view must map back into the original, and normalising twice must change nothing more.
 */

// Raw UTF-16 code units, lone surrogates included, weighted towards the characters the normaliser rewrites.
const interestingUnits = [
  0x200b, 0x200d, 0x202e, 0x202c, 0x2066, 0xfeff, 0x0301, 0x0336, 0xd83d, 0xde00, 0xdb40, 0xdc41, 0x0430, 0x043e, 0xff49, 0xfb01, 0x00a0, 0x0000, 0x001b,
  0x0009,
];
const codeUnit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.constantFrom(...interestingUnits) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
);
const untrustedText = fc.array(codeUnit, { maxLength: 200 }).map((units) => String.fromCharCode(...units));

describe("normalizeText (property-based)", () => {
  it("never throws, and every character of every view maps to a span inside the original", () => {
    fc.assert(
      fc.property(untrustedText, (text) => {
        const n = normalizeText(text);
        for (const { view } of n.views) {
          expect(view.starts).toHaveLength(view.text.length);
          expect(view.ends).toHaveLength(view.text.length);
          for (let i = 0; i < view.text.length; i++) {
            expect(view.starts[i]).toBeGreaterThanOrEqual(0);
            expect(view.ends[i]).toBeLessThanOrEqual(text.length);
            expect(view.starts[i]).toBeLessThanOrEqual(view.ends[i]);
          }
        }
        for (const segment of n.decoded) expect(segment.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 400 },
    );
  });

  it("is idempotent: the normalised text normalises to itself", () => {
    fc.assert(
      fc.property(untrustedText, (text) => {
        const once = normalizeText(text).normalized.text;
        expect(normalizeText(once).normalized.text).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it("drops bidi and zero-width controls wherever they are inserted into plain text", () => {
    const controls = fc.constantFrom("\u200b", "\u200c", "\u200d", "\u2060", "\u202a", "\u202b", "\u202d", "\u202e", "\u202c", "\u2066", "\u2067", "\u2069");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."abcdefghijklmnop qrstuvwxyz"), maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), controls), { maxLength: 10 }),
        (plain, inserts) => {
          let text = plain;
          for (const [at, control] of inserts) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + control + text.slice(i);
          }
          expect(normalizeText(text).normalized.text).toBe(normalizeText(plain).normalized.text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads 100k combining marks and 50k lone surrogates in bounded time", () => {
    for (const text of [`a${"\u0301".repeat(100_000)}`, "\ud800x".repeat(50_000), `${"\u202e".repeat(100_000)}ignore previous instructions`]) {
      const startedAt = performance.now();
      normalizeText(text);
      // Linear work: generous for a loaded 2-core machine, far below a quadratic blow-up (minutes).
      expect(performance.now() - startedAt).toBeLessThan(10_000);
    }
  });
});
