import type { ModelEntry } from "../models/manifest-schema";

/** Whether class `classIndex` of a model belongs to the everyday word's group (manifest `labelGroups`). */
export function inLabelGroup(entry: Pick<ModelEntry, "labelGroups">, classIndex: number, word: string): boolean {
  return entry.labelGroups?.[word]?.some(([from, to]) => classIndex >= from && classIndex <= to) ?? false;
}

export function labelGroupWords(entry: Pick<ModelEntry, "labelGroups">): string[] {
  return Object.keys(entry.labelGroups ?? {});
}
