import { describe, expect, it } from "vitest";
import { median } from "../stats";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hashes with argon2id and a fresh salt each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same password")).toBe(true);
    expect(await verifyPassword(a, "Same password")).toBe(false);
    expect(await verifyPassword("not a phc string", "x")).toBe(false);
  });

  it("takes as long for an account that does not exist as for a wrong password", async () => {
    const stored = await hashPassword("the right password");
    await verifyPassword(null, "warm up the unknown-account hash");
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      let t = performance.now();
      await verifyPassword(stored, `wrong ${i}`);
      wrong.push(performance.now() - t);
      t = performance.now();
      await verifyPassword(undefined, `wrong ${i}`);
      unknown.push(performance.now() - t);
    }
    // Both run one full argon2id verification (tens of ms); without the dummy hash the unknown case would take microseconds.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(unknown)).toBeLessThan(median(wrong) * 2);
  });
});
