import type { SafetyRow } from "../dataset/safety-rows";

/**
 * Test attacks whose attack string also occurs in a train row. Assembled rows reuse a limited set of
 * attack strings, carriers and templates across the train/test hash split (see `composition` in
 * ../shared/eval/README.md), and the files do not name the attack string apart from its carrier, so
 * the stricter reading is taken: a test attack is "seen" when any run of SHINGLE_WORDS consecutive
 * words of it also occurs in a train attack (its attack string, its carrier or its template). Figures
 * without these rows measure attacks the network has not read in any form.
 */

export const SHINGLE_WORDS = 8;

function shingles(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < SHINGLE_WORDS) return words.length ? [words.join(" ")] : [];
  const list: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) list.push(words.slice(i, i + SHINGLE_WORDS).join(" "));
  return list;
}

/** Keys of the test attack rows that share an 8-word run (or, when shorter, their whole wording) with a train attack. */
export function attacksSeenInTrain(rows: Pick<SafetyRow, "key" | "text" | "label" | "split">[]): Set<string> {
  const trainShingles = new Set<string>();
  for (const r of rows) if (r.split === "train" && r.label === 1) for (const s of shingles(r.text)) trainShingles.add(s);
  const seen = new Set<string>();
  for (const r of rows) if (r.split === "test" && r.label === 1 && shingles(r.text).some((s) => trainShingles.has(s))) seen.add(r.key);
  return seen;
}
