import path from "node:path";
import { z } from "zod";
import { type JsonlData, readJsonlRows } from "./read-jsonl";

/**
 * Reads the benign everyday corpus (../shared/eval/prompt_injection/benign_everyday.jsonl): ordinary
 * text in five categories that a prompt-injection detector must leave alone. Read at run time, never copied.
 */

export const everydayCategories = ["multilingual_everyday", "english_everyday", "code", "receipt_ocr", "hard_negative_imperative"] as const;

export const benignEverydayRowSchema = z.object({
  text: z.string(),
  label: z.literal(0),
  category: z.enum(everydayCategories),
  /** ISO 639-1, or null for code. */
  language: z.string().nullable(),
  /** repo@commit:path#id: unique per row. */
  source: z.string(),
  license: z.string(),
  split: z.enum(["train", "test"]),
  subcategory: z.string(),
});
export type BenignEverydayRow = z.infer<typeof benignEverydayRowSchema>;

export const benignEverydayRelativePath = path.join("prompt_injection", "benign_everyday.jsonl");

export type BenignEverydayData = JsonlData<BenignEverydayRow>;

export function readBenignEveryday(evalDataDir: string): BenignEverydayData {
  return readJsonlRows(path.join(evalDataDir, benignEverydayRelativePath), benignEverydayRowSchema);
}
