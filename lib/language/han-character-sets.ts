/**
 * Chinese or Japanese, for Han text without kana. Both models confuse the two on a few characters,
 * but the character repertoires differ: simplified forms such as 这 说 们 are never written in
 * Japanese, and Japanese shinjitai such as 気 様 鉄 are never written in Chinese. The sets come from
 * the national character-set standards themselves, decoded with the platform's TextDecoder (no
 * table is shipped and nothing is learned from data):
 *   GB 2312 (simplified Chinese), JIS X 0208 (Japanese), Big5 (traditional Chinese).
 * A character in GB 2312 but in neither of the others is simplified-only; one in JIS X 0208 but in
 * neither Chinese set is a Japanese-only form.
 */

interface HanSets {
  simplifiedOnly: Set<string>;
  japaneseOnly: Set<string>;
}

let sets: HanSets | undefined;

const isHan = /^\p{Script=Han}$/u;

function decodeDoubleByteSet(encoding: string, leads: number[], trails: number[]): Set<string> {
  const decoder = new TextDecoder(encoding);
  const found = new Set<string>();
  for (const lead of leads) {
    for (const trail of trails) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (isHan.test(char)) found.add(char);
    }
  }
  return found;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function buildSets(): HanSets {
  // EUC packs both GB 2312 and JIS X 0208 into 0xA1-0xFE byte pairs.
  const euc = range(0xa1, 0xfe);
  const gb2312 = decodeDoubleByteSet("gb2312", euc, euc);
  const jisX0208 = decodeDoubleByteSet("euc-jp", euc, euc);
  const big5 = decodeDoubleByteSet("big5", range(0x81, 0xfe), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]);
  return {
    simplifiedOnly: new Set([...gb2312].filter((c) => !jisX0208.has(c) && !big5.has(c))),
    japaneseOnly: new Set([...jisX0208].filter((c) => !gb2312.has(c) && !big5.has(c))),
  };
}

/** Counts of simplified-only and Japanese-only Han characters in a text. */
export function hanVariantEvidence(text: string): { simplifiedOnly: number; japaneseOnly: number } {
  sets ??= buildSets();
  let simplifiedOnly = 0;
  let japaneseOnly = 0;
  for (const char of text) {
    if (sets.simplifiedOnly.has(char)) simplifiedOnly++;
    else if (sets.japaneseOnly.has(char)) japaneseOnly++;
  }
  return { simplifiedOnly, japaneseOnly };
}
