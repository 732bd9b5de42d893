import path from "node:path";
import { z } from "zod";
import { type JsonlData, readJsonlRows } from "./read-jsonl";

/**
 * Reads the prompt-injection evaluation rows (../shared/eval/prompt_injection/eval.jsonl) with the label
 * corrections of eval_label_corrections.jsonl applied (25 plain BIPIA requests labelled `injection`
 * that are benign as bare prompts; eval.jsonl itself stays unchanged so older fit records stay valid).
 * The data is read, never copied: scripts and tests take it from EVAL_DATA_DIR at run time.
 */

export const injectionRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  label: z.enum(["injection", "benign"]),
  category: z.string(),
  lang: z.string(),
  source: z.string(),
  subcategory: z.string(),
  split: z.enum(["train", "test"]),
});
export type InjectionRow = z.infer<typeof injectionRowSchema>;

/** Sources grouped by the dataset they came from, for leave-one-source-out evaluation. */
export const sourceGroups = [
  "promptshield",
  "PIGuard-wildguard",
  "PIGuard-NotInject",
  "PIGuard-BIPIA",
  "PurpleLlama",
  "PurpleLlama-multilingual",
  "garak",
] as const;
export type SourceGroup = (typeof sourceGroups)[number];

export function sourceGroupOf(source: string): SourceGroup {
  if (source.includes("promptshield")) return "promptshield";
  if (source.includes("wildguard")) return "PIGuard-wildguard";
  if (source.includes("NotInject")) return "PIGuard-NotInject";
  if (source.includes("BIPIA")) return "PIGuard-BIPIA";
  if (source.includes("PurpleLlama") && source.includes("multilingual")) return "PurpleLlama-multilingual";
  if (source.includes("PurpleLlama")) return "PurpleLlama";
  if (source.includes("garak")) return "garak";
  throw new Error(`unknown source ${source}`);
}

export const injectionDataRelativePath = path.join("prompt_injection", "eval.jsonl");
export const labelCorrectionsRelativePath = path.join("prompt_injection", "eval_label_corrections.jsonl");

const labelCorrectionSchema = z.object({
  id: z.string(),
  label: z.enum(["injection", "benign"]),
  was: z.enum(["injection", "benign"]),
  split: z.enum(["train", "test"]),
  reason: z.string(),
});

export interface InjectionData extends JsonlData<InjectionRow> {
  /** The corrections file read and how many of its rows were applied (`rows` has them applied). */
  corrections: { sha256: string; file: string; applied: number };
}

export function readInjectionData(evalDataDir: string): InjectionData {
  const data = readJsonlRows(path.join(evalDataDir, injectionDataRelativePath), injectionRowSchema);
  const corrections = readJsonlRows(path.join(evalDataDir, labelCorrectionsRelativePath), labelCorrectionSchema);
  const byId = new Map(corrections.rows.map((c) => [c.id, c]));
  let applied = 0;
  const rows = data.rows.map((row) => {
    const correction = byId.get(row.id);
    if (!correction) return row;
    // A correction that no longer matches the row it names means the files moved apart: stop rather than guess.
    if (correction.was !== row.label || correction.split !== row.split) throw new Error(`label correction for ${row.id} does not match eval.jsonl`);
    applied++;
    return { ...row, label: correction.label };
  });
  if (applied !== byId.size) throw new Error(`${byId.size - applied} label corrections name rows that are not in eval.jsonl`);
  return { rows, sha256: data.sha256, file: data.file, corrections: { sha256: corrections.sha256, file: corrections.file, applied } };
}
