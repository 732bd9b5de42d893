import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { getEnv } from "../env";

/** The labelled images of the public evaluation set (EVAL_DATA_DIR/images/manifest.json). */

const evalImageSchema = z.object({
  file: z.string(),
  description: z.string().optional(),
  expected_labels: z.string(),
  expect_error: z.boolean().optional(),
  ground_truth: z.string().optional(),
  ground_truth_fields: z.record(z.string(), z.unknown()).optional(),
});
export type EvalImage = z.infer<typeof evalImageSchema> & { path: string; expectedLabels: string[] };

export async function loadEvalImages(): Promise<EvalImage[] | undefined> {
  const dir = getEnv().evalDataDir;
  if (!dir) return undefined;
  const manifest = z.array(evalImageSchema).parse(JSON.parse(await readFile(path.join(dir, "images", "manifest.json"), "utf8")));
  return manifest.map((entry) => ({
    ...entry,
    path: path.join(dir, "images", entry.file),
    expectedLabels: entry.expected_labels
      .split(",")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  }));
}

/** Photos (not documents, not the deliberately broken file). */
export async function loadEvalPhotos(): Promise<EvalImage[] | undefined> {
  return (await loadEvalImages())?.filter((image) => image.file.startsWith("photos/") && !image.expect_error);
}
