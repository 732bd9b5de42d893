import { describe, expect, it } from "vitest";
import { attackGroupWeights } from "./fit-injection-model";

const rows = (group: string, label: 0 | 1, n: number) => Array.from({ length: n }, () => ({ row: { group, label } }));
// Two attack groups of 300 and 100 rows (mean 200) and a benign group that must not count.
const data = [...rows("big", 1, 300), ...rows("small", 1, 100), ...rows("benign", 0, 5000)];

describe("attack-group weights", () => {
  it("weighs every attack 1 at exponent 0 (release 2's fit)", () => {
    expect([...attackGroupWeights(data, 0).values()]).toEqual([1, 1]);
  });

  it("gives each attack group the same total weight at exponent 1", () => {
    const weights = attackGroupWeights(data, 1);
    expect(weights.get("big")).toBeCloseTo(200 / 300);
    expect(weights.get("small")).toBeCloseTo(2);
    expect(300 * (weights.get("big") ?? 0)).toBeCloseTo(100 * (weights.get("small") ?? 0));
  });

  it("takes the square root of the size ratio at exponent 0.5 and ignores benign groups", () => {
    const weights = attackGroupWeights(data, 0.5);
    expect(weights.get("small")).toBeCloseTo(Math.SQRT2);
    expect(weights.has("benign")).toBe(false);
  });
});
