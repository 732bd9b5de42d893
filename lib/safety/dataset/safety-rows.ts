import type { BenignEverydayData } from "./read-benign-everyday";
import { sourceGroupOf, type InjectionData } from "./read-injection-data";

/**
 * The two evaluation files as one list of labelled rows for fitting and measuring the injection
 * detector. `group` is what leave-one-source-out and per-group thresholds work on: the source group
 * for eval.jsonl rows (promptshield, garak, ...) and the category for benign_everyday rows (code,
 * receipt_ocr, ...), each a different kind of text.
 */

export interface SafetyRow {
  /** Unique and stable: the row id (eval.jsonl) or its source reference (benign_everyday). */
  key: string;
  text: string;
  label: 0 | 1;
  dataset: "eval" | "everyday";
  group: string;
  /** Attack family or benign kind (eval.jsonl `category`), or the everyday category. */
  category: string;
  lang: string;
  split: "train" | "test";
}

export function safetyRows(injection: InjectionData, everyday?: BenignEverydayData): SafetyRow[] {
  const evalRows: SafetyRow[] = injection.rows.map((r) => ({
    key: r.id,
    text: r.text,
    label: r.label === "injection" ? 1 : 0,
    dataset: "eval",
    group: sourceGroupOf(r.source),
    category: r.category,
    lang: r.lang,
    split: r.split,
  }));
  const everydayRows: SafetyRow[] = (everyday?.rows ?? []).map((r) => ({
    key: r.source,
    text: r.text,
    label: 0,
    dataset: "everyday",
    group: r.category,
    category: r.category,
    lang: r.language ?? "code",
    split: r.split,
  }));
  return [...evalRows, ...everydayRows];
}
