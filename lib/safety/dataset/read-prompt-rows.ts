import path from "node:path";
import { z } from "zod";
import { type JsonlData, readJsonlRows } from "./read-jsonl";

/**
 * Reads the two files added for issue #20 (../shared/eval/prompt_injection/): benign_prompts.jsonl,
 * ordinary chatbot and API prompts (label 0), and injections_extra.jsonl, attacks in the styles
 * eval.jsonl lacks (label 1). Both share benign_everyday's fields plus `composition`, which says how an
 * assembled row (a carrier text with an attack inside) was built. Read at run time, never copied.
 */

export const promptRowSchema = z.object({
  text: z.string(),
  label: z.union([z.literal(0), z.literal(1)]),
  category: z.string(),
  /** ISO 639-1, or null for code and encoded text. */
  language: z.string().nullable(),
  /** repo@commit:path#id. */
  source: z.string(),
  license: z.string(),
  split: z.enum(["train", "test"]),
  subcategory: z.string(),
  composition: z.string().nullable().optional(),
});
export type PromptRow = z.infer<typeof promptRowSchema>;

export const benignPromptsRelativePath = path.join("prompt_injection", "benign_prompts.jsonl");
export const injectionsExtraRelativePath = path.join("prompt_injection", "injections_extra.jsonl");

export type PromptRowsData = JsonlData<PromptRow>;

function readPromptRows(evalDataDir: string, relativePath: string, label: 0 | 1): PromptRowsData {
  const data = readJsonlRows(path.join(evalDataDir, relativePath), promptRowSchema);
  const mislabelled = data.rows.find((r) => r.label !== label);
  if (mislabelled) throw new Error(`${relativePath}: expected label ${label} on every row, found ${mislabelled.label} (${mislabelled.source})`);
  return data;
}

export const readBenignPrompts = (evalDataDir: string) => readPromptRows(evalDataDir, benignPromptsRelativePath, 0);
export const readInjectionsExtra = (evalDataDir: string) => readPromptRows(evalDataDir, injectionsExtraRelativePath, 1);
