import { describe, expect, it } from "vitest";
import { OverloadedError } from "../../domain-errors";
import { PixelBudget } from "./decode-budget";

describe("PixelBudget", () => {
  it("never has more pixels in flight than its capacity, and serves waiters in order", async () => {
    const budget = new PixelBudget(100);
    const first = await budget.acquire(60);
    const order: string[] = [];
    const second = budget.acquire(60).then((release) => {
      order.push("second");
      return release;
    });
    const third = budget.acquire(30).then((release) => {
      order.push("third");
      return release;
    });
    await new Promise((r) => setTimeout(r, 10));
    // The 30-pixel decode would fit, but waits behind the earlier 60 (no starvation of large images).
    expect(order).toEqual([]);
    expect(budget.inUse).toBe(60);
    first();
    const releaseSecond = await second;
    const releaseThird = await third;
    expect(order).toEqual(["second", "third"]);
    expect(budget.inUse).toBe(90);
    releaseSecond();
    releaseThird();
    expect(budget.inUse).toBe(0);
  });

  it("lets an image larger than the whole budget run alone, and refuses a waiter whose deadline passes", async () => {
    const budget = new PixelBudget(100);
    const huge = await budget.acquire(500);
    expect(budget.inUse).toBe(100);
    await expect(budget.acquire(10, Date.now() + 50)).rejects.toBeInstanceOf(OverloadedError);
    huge();
    expect(budget.inUse).toBe(0);
  });
});
