import "server-only";
import { readFile } from "node:fs/promises";

const cache = new Map<string, Promise<string[]>>();

/**
 * The recogniser's symbols: one per dictionary line, then the space PaddleOCR appends
 * (use_space_char). Cached per file.
 */
export function loadSymbols(dictionaryPath: string): Promise<string[]> {
  let pending = cache.get(dictionaryPath);
  if (!pending) {
    pending = readFile(dictionaryPath, "utf8").then((text) => {
      const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
      if (lines.at(-1) === "") lines.pop();
      return [...lines, " "];
    });
    cache.set(dictionaryPath, pending);
    pending.catch(() => cache.delete(dictionaryPath));
  }
  return pending;
}
