import path from "node:path";
import { z } from "zod";
import { type JsonlData, readJsonlRows } from "./read-jsonl";

/**
 * Reads the prompt-injection evaluation rows (../shared/eval/prompt_injection/eval.jsonl). The data is
 * read, never copied: scripts and tests take it from EVAL_DATA_DIR at run time.
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

export type InjectionData = JsonlData<InjectionRow>;

export function readInjectionData(evalDataDir: string): InjectionData {
  return readJsonlRows(path.join(evalDataDir, injectionDataRelativePath), injectionRowSchema);
}
