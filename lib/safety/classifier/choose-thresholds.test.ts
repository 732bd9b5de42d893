import { describe, expect, it } from "vitest";
import { chooseThresholds, falseAlarmBudget, type ThresholdPolicy } from "./choose-thresholds";

const policy: ThresholdPolicy = {
  prompt: { categoryMaxFpr: 0.005, fileMaxFpr: 0.005, evalBenignMaxFpr: 0.015 },
  document: { categoryMaxFpr: 0.0025, fileMaxFpr: 0.0025 },
  minFalseAlarmsPerCategory: 1,
};
const benign = (dataset: "eval" | "everyday" | "prompts", group: string, logit: number) => ({
  row: { label: 0 as const, dataset, group },
  logit,
  signatureScore: 0,
});
const attack = (logit: number) => ({ row: { label: 1 as const, dataset: "extra" as const, group: "extra:override" }, logit, signatureScore: 0 });
/** n benign logits spread evenly over [0, top]. */
const spread = (dataset: "eval" | "everyday" | "prompts", group: string, n: number, top: number) =>
  Array.from({ length: n }, (_, i) => benign(dataset, group, (top * i) / (n - 1)));

describe("false-alarm budget of a benign pool", () => {
  it("gives a category of 75 rows one false alarm where the plain floor gave none", () => {
    expect(falseAlarmBudget(75, 0.005)).toBe(0);
    expect(falseAlarmBudget(75, 0.005, 1)).toBe(1);
  });

  it("keeps floor(rate x n) for large pools and never exceeds the pool", () => {
    expect(falseAlarmBudget(1000, 0.005, 1)).toBe(5);
    expect(falseAlarmBudget(0, 0.005, 1)).toBe(0);
  });
});

describe("thresholds under the minimum budget", () => {
  it("lets the single highest row of a small category pass instead of setting the threshold", () => {
    // 75 agent requests: 74 low and one outlier at logit 9; a large category of the same file tops out at 3.
    const scored = [
      ...spread("prompts", "prompts:agent_request", 74, 1),
      benign("prompts", "prompts:agent_request", 9),
      ...spread("prompts", "prompts:qa_short", 1000, 3),
      ...Array.from({ length: 100 }, (_, i) => attack(2 + i / 10)),
    ];
    const old = chooseThresholds(scored, { ...policy, minFalseAlarmsPerCategory: 0 });
    const now = chooseThresholds(scored, policy);
    expect(old.prompt).toBeGreaterThan(9);
    expect(now.prompt).toBeLessThan(3.1);
    const flagged = (t: number, group: string) => scored.filter((s) => s.row.label === 0 && s.row.group === group && s.logit >= t).length;
    expect(flagged(now.prompt, "prompts:agent_request")).toBe(1);
    expect(flagged(now.prompt, "prompts:qa_short")).toBeLessThanOrEqual(5);
  });

  it("still caps a category whose rows all score high: one false alarm, not all of them", () => {
    // Every roleplay row scores above every attack: the threshold must rise above the second highest.
    const roleplay = Array.from({ length: 166 }, (_, i) => benign("prompts", "prompts:roleplay_benign", 20 + i / 100));
    const scored = [...roleplay, ...spread("prompts", "prompts:qa_short", 1000, 3), ...Array.from({ length: 100 }, (_, i) => attack(i / 10))];
    const t = chooseThresholds(scored, policy);
    expect(roleplay.filter((r) => r.logit >= t.prompt)).toHaveLength(1);
    expect(t.prompt).toBeGreaterThan(21.6);
  });

  it("holds all categories of a file together at the plain floor, so small categories cannot each spend their row", () => {
    // Ten categories of 50 rows, each with one outlier: each may have one alone, but the file (500 rows) only two.
    const scored = Array.from({ length: 10 }, (_, c) => [...spread("prompts", `prompts:c${c}`, 49, 1), benign("prompts", `prompts:c${c}`, 5 + c)]).flat();
    const t = chooseThresholds([...scored, attack(20)], policy);
    expect(scored.filter((s) => s.logit >= t.prompt)).toHaveLength(2);
  });
});
