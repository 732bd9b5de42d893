import type { SafetyRow } from "../dataset/safety-rows";

/**
 * The operating points, read off out-of-fold scores of the train split (each row scored by a model
 * that did not see it). A threshold is the lowest logit that keeps the false-positive rate at or under
 * its target in every benign pool at once: each benign_everyday category on its own (short,
 * foreign, technical and imperative text must each stay quiet), and eval.jsonl's benign prompts together.
 */

export interface ThresholdPolicy {
  prompt: { everydayMaxFpr: number; evalBenignMaxFpr: number };
  /** Documents and OCR text: every everyday category at a lower rate; never below the prompt threshold. */
  document: { everydayMaxFpr: number };
}

export interface ScoredRow {
  row: Pick<SafetyRow, "label" | "dataset" | "group">;
  logit: number;
}

/** Lowest threshold at which at most floor(maxFpr * n) of these benign logits reach it. */
export function thresholdAtFpr(benignLogits: number[], maxFpr: number): number {
  if (benignLogits.length === 0) return -Infinity;
  const sorted = [...benignLogits].sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * sorted.length);
  return allowed >= sorted.length ? -Infinity : sorted[allowed] + 1e-6;
}

function benignPools(scored: ScoredRow[]): Map<string, number[]> {
  const pools = new Map<string, number[]>();
  for (const { row, logit } of scored) {
    if (row.label !== 0) continue;
    const pool = row.dataset === "eval" ? "eval" : row.group;
    pools.set(pool, [...(pools.get(pool) ?? []), logit]);
  }
  return pools;
}

export function chooseThresholds(scored: ScoredRow[], policy: ThresholdPolicy): { prompt: number; document: number } {
  const pools = benignPools(scored);
  let prompt = -Infinity;
  let document = -Infinity;
  for (const [pool, logits] of pools) {
    if (pool === "eval") prompt = Math.max(prompt, thresholdAtFpr(logits, policy.prompt.evalBenignMaxFpr));
    else {
      prompt = Math.max(prompt, thresholdAtFpr(logits, policy.prompt.everydayMaxFpr));
      document = Math.max(document, thresholdAtFpr(logits, policy.document.everydayMaxFpr));
    }
  }
  return { prompt, document: Math.max(document, prompt) };
}
