import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { z } from "zod";

/** A JSONL data file as read: its rows, checked against their schema, and the sha256 of its bytes (for reports). */
export interface JsonlData<Row> {
  rows: Row[];
  sha256: string;
  file: string;
}

/** Reads a JSONL file whole (blank lines skipped); a row that does not match `schema` throws, naming what is wrong. */
export function readJsonlRows<Schema extends z.ZodType>(file: string, schema: Schema): JsonlData<z.infer<Schema>> {
  const bytes = readFileSync(file);
  const rows = bytes
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => schema.parse(JSON.parse(line)));
  return { rows, sha256: createHash("sha256").update(bytes).digest("hex"), file };
}
