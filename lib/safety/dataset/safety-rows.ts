import { createHash } from "node:crypto";
import type { BenignEverydayData } from "./read-benign-everyday";
import { sourceGroupOf, type InjectionData } from "./read-injection-data";
import type { PromptRow, PromptRowsData } from "./read-prompt-rows";

/**
 * The evaluation files as one list of labelled rows for fitting and measuring the injection detector.
 * - `group` is what the validation folds are stratified by and what the false-alarm targets are held
 *   on: the source group for eval.jsonl rows (promptshield, garak, ...) and the file and category for
 *   the others (code, prompts:qa_short, extra:tool_abuse, ...), each a different kind of text.
 * - `origin` is the upstream dataset, for leave-one-source-out: one source and its machine
 *   translations (and the rows built around its attack strings) count as one, across files.
 */

export type SafetyDataset = "eval" | "everyday" | "prompts" | "extra";

export interface SafetyRow {
  /** Unique and stable: the row id (eval.jsonl), or the file and a digest of the text (the other files, whose `source` repeats). */
  key: string;
  text: string;
  label: 0 | 1;
  dataset: SafetyDataset;
  group: string;
  origin: string;
  /** Attack family or benign kind (eval.jsonl `category`), or the file's category. */
  category: string;
  lang: string;
  split: "train" | "test";
  /** A carrier text with an attack put inside (injections_extra / benign_prompts `composition`). */
  assembled: boolean;
}

export interface SafetyFiles {
  injection: InjectionData;
  everyday?: BenignEverydayData;
  prompts?: PromptRowsData;
  extra?: PromptRowsData;
}

/** The upstream dataset of an eval.jsonl or injections_extra.jsonl row, translations folded into their source. */
export function originOf(source: string): string {
  const repo = source.split("@")[0];
  if (repo.includes("PurpleLlama") || repo.includes("xquad")) return "PurpleLlama";
  if (repo.includes("BIPIA") || source.includes("BIPIA")) return "BIPIA";
  if (repo.includes("garak")) return "garak";
  if (repo.includes("agentdojo")) return "AgentDojo";
  if (repo.includes("pallms")) return "PALLMs";
  if (repo.includes("PayloadsAllTheThings")) return "PayloadsAllTheThings";
  if (source.includes("promptshield")) return "promptshield";
  if (source.includes("wildguard")) return "PIGuard-wildguard";
  if (source.includes("NotInject")) return "PIGuard-NotInject";
  return repo;
}

const textKey = (dataset: SafetyDataset, text: string) => `${dataset}:${createHash("sha256").update(text).digest("hex").slice(0, 20)}`;

function promptFileRows(rows: PromptRow[], dataset: "prompts" | "extra"): SafetyRow[] {
  return rows.map((r) => ({
    key: textKey(dataset, r.text),
    text: r.text,
    label: r.label,
    dataset,
    group: `${dataset}:${r.category}`,
    origin: dataset === "extra" ? originOf(r.source) : `${dataset}:${r.category}`,
    category: r.category,
    lang: r.language ?? "none",
    split: r.split,
    assembled: Boolean(r.composition),
  }));
}

export function safetyRows({ injection, everyday, prompts, extra }: SafetyFiles): SafetyRow[] {
  const evalRows: SafetyRow[] = injection.rows.map((r) => ({
    key: r.id,
    text: r.text,
    label: r.label === "injection" ? 1 : 0,
    dataset: "eval",
    group: sourceGroupOf(r.source),
    origin: originOf(r.source),
    category: r.category,
    lang: r.lang,
    split: r.split,
    assembled: false,
  }));
  const everydayRows: SafetyRow[] = (everyday?.rows ?? []).map((r) => ({
    key: textKey("everyday", r.text),
    text: r.text,
    label: 0,
    dataset: "everyday",
    group: r.category,
    origin: r.category,
    category: r.category,
    lang: r.language ?? "code",
    split: r.split,
    assembled: false,
  }));
  return [...evalRows, ...everydayRows, ...promptFileRows(prompts?.rows ?? [], "prompts"), ...promptFileRows(extra?.rows ?? [], "extra")];
}
