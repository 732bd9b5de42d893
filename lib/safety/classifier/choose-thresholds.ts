import type { SafetyRow } from "../dataset/safety-rows";

/**
 * The operating points, read off out-of-fold scores of the train split (each row scored by a model
 * that did not see it). A threshold is the lowest logit that keeps the false-positive rate at or under
 * its target in every benign pool at once: each benign_everyday category on its own (short,
 * foreign, technical and imperative text must each stay quiet), and eval.jsonl's benign prompts together.
 * Beside the network's threshold, a signature score at or above a second threshold flags a text on
 * its own (strong written evidence is enough, also where the network has learned to trust a kind of
 * text); the pair is the one that catches the most out-of-fold attacks within every target.
 */

export interface ThresholdPolicy {
  prompt: { everydayMaxFpr: number; evalBenignMaxFpr: number };
  /** Documents and OCR text: every everyday category at a lower rate; never below the prompt threshold. */
  document: { everydayMaxFpr: number };
}

export interface ScoredRow {
  row: Pick<SafetyRow, "label" | "dataset" | "group">;
  logit: number;
  signatureScore: number;
}

export interface Thresholds {
  /** Network logit thresholds. */
  prompt: number;
  document: number;
  /** Signature scores that flag a text alone (1 = never). */
  signature: { prompt: number; document: number };
}

const SIGNATURE_GRID = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98];

/** Lowest threshold at which at most floor(maxFpr * n) of these benign logits reach it. */
export function thresholdAtFpr(benignLogits: number[], maxFpr: number): number {
  if (benignLogits.length === 0) return -Infinity;
  const sorted = [...benignLogits].sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * sorted.length);
  return allowed >= sorted.length ? -Infinity : sorted[allowed] + 1e-6;
}

function benignPools(scored: ScoredRow[]): Map<string, ScoredRow[]> {
  const pools = new Map<string, ScoredRow[]>();
  for (const s of scored) {
    if (s.row.label !== 0) continue;
    const pool = s.row.dataset === "eval" ? "eval" : s.row.group;
    pools.set(pool, [...(pools.get(pool) ?? []), s]);
  }
  return pools;
}

/** Lowest logit threshold keeping every pool within its target when rows with signatureScore >= S are flagged anyway. */
function logitThresholdGiven(pools: Map<string, ScoredRow[]>, signature: number, maxFpr: (pool: string) => number, floor: number): number | undefined {
  let threshold = floor;
  for (const [pool, rows] of pools) {
    const alone = rows.filter((r) => r.signatureScore >= signature).length;
    const budget = Math.floor(maxFpr(pool) * rows.length) - alone;
    if (budget < 0) return undefined;
    const rest = rows
      .filter((r) => r.signatureScore < signature)
      .map((r) => r.logit)
      .sort((a, b) => b - a);
    if (budget < rest.length) threshold = Math.max(threshold, rest[budget] + 1e-6);
  }
  return threshold;
}

/**
 * The pair (network threshold, signature threshold) that catches the most attacks while every pool
 * stays within its target; ties go to the higher signature threshold (fewer texts flagged on signatures alone).
 */
function bestPair(scored: ScoredRow[], pools: Map<string, ScoredRow[]>, maxFpr: (pool: string) => number, floor: { logit: number; signature: number }) {
  const attacks = scored.filter((s) => s.row.label === 1);
  let best = { logit: Infinity, signature: 1, caught: -1 };
  for (const signature of [...SIGNATURE_GRID, 1].filter((g) => g >= floor.signature).reverse()) {
    const logit = logitThresholdGiven(pools, signature, maxFpr, floor.logit);
    if (logit === undefined) continue;
    const caught = attacks.filter((a) => a.logit >= logit || a.signatureScore >= signature).length;
    if (caught > best.caught) best = { logit, signature, caught };
  }
  return best;
}

export function chooseThresholds(scored: ScoredRow[], policy: ThresholdPolicy): Thresholds {
  const pools = benignPools(scored);
  const promptTarget = (pool: string) => (pool === "eval" ? policy.prompt.evalBenignMaxFpr : policy.prompt.everydayMaxFpr);
  const documentTarget = (pool: string) => (pool === "eval" ? policy.prompt.evalBenignMaxFpr : policy.document.everydayMaxFpr);
  const prompt = bestPair(scored, pools, promptTarget, { logit: -Infinity, signature: 0 });
  // Document text is judged at least as strictly as a prompt on both layers.
  const document = bestPair(scored, pools, documentTarget, { logit: prompt.logit, signature: prompt.signature });
  return { prompt: prompt.logit, document: document.logit, signature: { prompt: prompt.signature, document: document.signature } };
}
