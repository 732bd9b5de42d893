import type { SafetyRow } from "../dataset/safety-rows";

/**
 * The operating points, read off out-of-fold scores of the train split (each row scored by a model
 * that did not see it). A threshold is the lowest logit that keeps the false alarms within budget in
 * every benign pool at once: each category of benign_everyday and benign_prompts on its own (short,
 * foreign, technical and imperative text must each stay quiet), all categories of each of those files
 * together, and eval.jsonl's benign prompts together.
 *
 * A pool's budget is floor(target * n) false alarms, but a category never gets fewer than
 * `minFalseAlarmsPerCategory`: with a plain floor every category under 1/target rows got zero, so the
 * highest-scoring benign row of a small category could set the threshold on its own. The file-wide pools,
 * at a lower target than a category, are the margin: they keep many categories from each spending their
 * budget at once.
 * Beside the network's threshold, a signature score at or above a second threshold flags a text on
 * its own (strong written evidence is enough, also where the network has learned to trust a kind of
 * text); the pair is the one that catches the most out-of-fold attacks within every target.
 */

/** False-alarm targets on out-of-fold scores: per category of benign_everyday / benign_prompts, and all of one file's categories together. */
export interface BenignTargets {
  categoryMaxFpr: number;
  fileMaxFpr: number;
}

export interface ThresholdPolicy {
  prompt: BenignTargets & { evalBenignMaxFpr: number };
  /** Documents and OCR text: at lower rates; never below the prompt threshold. */
  document: BenignTargets;
  /** The least false-alarm budget of one category (0: the plain floor). */
  minFalseAlarmsPerCategory: number;
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

interface BenignPool {
  rows: ScoredRow[];
  /** eval.jsonl's benign rows, or a category of another file (which gets the minimum budget), or all of a file's categories. */
  kind: "eval" | "category" | "file";
}

function benignPools(scored: ScoredRow[]): Map<string, BenignPool> {
  const pools = new Map<string, BenignPool>();
  const add = (name: string, kind: BenignPool["kind"], s: ScoredRow) => {
    const pool = pools.get(name) ?? { rows: [], kind };
    pool.rows.push(s);
    pools.set(name, pool);
  };
  for (const s of scored) {
    if (s.row.label !== 0) continue;
    if (s.row.dataset === "eval") add("eval", "eval", s);
    else {
      add(s.row.group, "category", s);
      add(`file:${s.row.dataset}`, "file", s);
    }
  }
  return pools;
}

/** How many of a pool's rows may be flagged: floor(maxFpr * n), and at least the policy's minimum for a category. */
export function falseAlarmBudget(rows: number, maxFpr: number, minimum = 0): number {
  return Math.min(rows, Math.max(minimum, Math.floor(maxFpr * rows)));
}

/** Lowest logit threshold keeping every pool within its budget when rows with signatureScore >= S are flagged anyway. */
function logitThresholdGiven(
  pools: Map<string, BenignPool>,
  signature: number,
  budgetOf: (pool: string, p: BenignPool) => number,
  floor: number,
): number | undefined {
  let threshold = floor;
  for (const [name, pool] of pools) {
    const rows = pool.rows;
    const alone = rows.filter((r) => r.signatureScore >= signature).length;
    const budget = budgetOf(name, pool) - alone;
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
function bestPair(
  scored: ScoredRow[],
  pools: Map<string, BenignPool>,
  budgetOf: (pool: string, p: BenignPool) => number,
  floor: { logit: number; signature: number },
) {
  const attacks = scored.filter((s) => s.row.label === 1);
  let best = { logit: Infinity, signature: 1, caught: -1 };
  for (const signature of [...SIGNATURE_GRID, 1].filter((g) => g >= floor.signature).reverse()) {
    const logit = logitThresholdGiven(pools, signature, budgetOf, floor.logit);
    if (logit === undefined) continue;
    const caught = attacks.filter((a) => a.logit >= logit || a.signatureScore >= signature).length;
    if (caught > best.caught) best = { logit, signature, caught };
  }
  return best;
}

export function chooseThresholds(scored: ScoredRow[], policy: ThresholdPolicy): Thresholds {
  const pools = benignPools(scored);
  const budget = (targets: BenignTargets) => (_: string, p: BenignPool) =>
    p.kind === "eval"
      ? falseAlarmBudget(p.rows.length, policy.prompt.evalBenignMaxFpr)
      : p.kind === "file"
        ? falseAlarmBudget(p.rows.length, targets.fileMaxFpr)
        : falseAlarmBudget(p.rows.length, targets.categoryMaxFpr, policy.minFalseAlarmsPerCategory);
  const prompt = bestPair(scored, pools, budget(policy.prompt), { logit: -Infinity, signature: 0 });
  // Document text is judged at least as strictly as a prompt on both layers.
  const document = bestPair(scored, pools, budget(policy.document), { logit: prompt.logit, signature: prompt.signature });
  return { prompt: prompt.logit, document: document.logit, signature: { prompt: prompt.signature, document: document.signature } };
}
