import { createHash } from "node:crypto";
import type { SafetyRow } from "./safety-rows";

/**
 * The validation protocol. The test split is for the final report only; every design choice is made
 * on train rows, in two ways:
 * - hash folds: within each group (source or everyday category) the train rows are ordered by a hash
 *   of their key and dealt into FOLDS folds in turn, so every fold holds the same share of every
 *   source. Fold 0 is the validation split; all folds together give out-of-fold scores for thresholds.
 * - whole-source folds: every row of one source group is held out, for leave-one-source-out.
 * The hash is salted, so the folds do not follow the file's own train/test hash.
 */

export const FOLDS = 5;
export const VALIDATION_FOLD = 0;

const rank = (key: string) => createHash("sha256").update(`insight-safety-validation:${key}`).digest("hex");

/** Fold (0..FOLDS-1) of every row, in the order given; test rows get -1. */
export function assignFolds(rows: Pick<SafetyRow, "key" | "group" | "split">[]): number[] {
  const folds = new Array<number>(rows.length).fill(-1);
  const byGroup = new Map<string, { index: number; hash: string }[]>();
  rows.forEach((row, index) => {
    if (row.split !== "train") return;
    const list = byGroup.get(row.group) ?? [];
    list.push({ index, hash: rank(row.key) });
    byGroup.set(row.group, list);
  });
  for (const list of byGroup.values()) {
    list.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    list.forEach((item, position) => (folds[item.index] = position % FOLDS));
  }
  return folds;
}
