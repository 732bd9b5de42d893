import "server-only";
import { readFile } from "node:fs/promises";
import type { LoadedModel } from "./session-pool";

const labelCache = new Map<string, Promise<string[]>>();

/** A model's class names: inline in its manifest entry, or its `labels` file (one name per line). */
export function modelLabels(loaded: LoadedModel): Promise<string[]> {
  if (loaded.entry.labels) return Promise.resolve(loaded.entry.labels);
  const file = loaded.files.labels;
  if (!file) return Promise.resolve([]);
  let pending = labelCache.get(file);
  if (!pending) {
    pending = readFile(file, "utf8").then((text) => text.split(/\r?\n/).filter((line, i, all) => line.length > 0 || i < all.length - 1));
    labelCache.set(file, pending);
  }
  return pending;
}
