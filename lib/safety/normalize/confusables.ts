/**
 * Letters from other scripts that look like Latin letters (a subset of Unicode's confusables.txt that
 * covers what attackers use in practice: Cyrillic, Greek, Armenian, Cherokee and a few symbols).
 * NFKC already folds fullwidth and mathematical letters; these survive it.
 */
const pairs: [string, string][] = [
  // Cyrillic lowercase
  ["а", "a"],
  ["в", "b"],
  ["с", "c"],
  ["ԁ", "d"],
  ["е", "e"],
  ["ё", "e"],
  ["һ", "h"],
  ["і", "i"],
  ["ї", "i"],
  ["ј", "j"],
  ["к", "k"],
  ["ӏ", "l"],
  ["м", "m"],
  ["н", "h"],
  ["о", "o"],
  ["р", "p"],
  ["ԛ", "q"],
  ["г", "r"],
  ["ѕ", "s"],
  ["т", "t"],
  ["ц", "u"],
  ["ѵ", "v"],
  ["ԝ", "w"],
  ["х", "x"],
  ["у", "y"],
  ["ү", "y"],
  ["з", "3"],
  ["ь", "b"],
  ["п", "n"],
  ["и", "u"],
  // Cyrillic uppercase
  ["А", "A"],
  ["В", "B"],
  ["С", "C"],
  ["Е", "E"],
  ["Ё", "E"],
  ["Н", "H"],
  ["І", "I"],
  ["Ї", "I"],
  ["Ј", "J"],
  ["К", "K"],
  ["М", "M"],
  ["О", "O"],
  ["Р", "P"],
  ["Ѕ", "S"],
  ["Т", "T"],
  ["Х", "X"],
  ["У", "Y"],
  ["Ү", "Y"],
  ["Ԝ", "W"],
  ["Ԛ", "Q"],
  ["Ӏ", "l"],
  ["Ь", "b"],
  // Greek
  ["α", "a"],
  ["β", "b"],
  ["ε", "e"],
  ["η", "n"],
  ["ι", "i"],
  ["κ", "k"],
  ["ν", "v"],
  ["ο", "o"],
  ["ρ", "p"],
  ["τ", "t"],
  ["υ", "u"],
  ["χ", "x"],
  ["γ", "y"],
  ["ϲ", "c"],
  ["ω", "w"],
  ["Α", "A"],
  ["Β", "B"],
  ["Ε", "E"],
  ["Ζ", "Z"],
  ["Η", "H"],
  ["Ι", "I"],
  ["Κ", "K"],
  ["Μ", "M"],
  ["Ν", "N"],
  ["Ο", "O"],
  ["Ρ", "P"],
  ["Τ", "T"],
  ["Υ", "Y"],
  ["Χ", "X"],
  ["Ϲ", "C"],
  // Armenian and Cherokee
  ["օ", "o"],
  ["ո", "n"],
  ["ս", "u"],
  ["հ", "h"],
  ["զ", "q"],
  ["ց", "g"],
  ["Ꭺ", "A"],
  ["Ᏼ", "B"],
  ["Ꮯ", "C"],
  ["Ꭼ", "E"],
  ["Ꮋ", "H"],
  ["Ꭻ", "J"],
  ["Ꮶ", "K"],
  ["Ꮇ", "M"],
  ["Ꮲ", "P"],
  ["Ꮪ", "S"],
  ["Ꭲ", "T"],
  ["Ꮤ", "W"],
  ["Ꮓ", "Z"],
  // Latin lookalikes outside ASCII that NFKC keeps
  ["ȷ", "j"],
  ["ɑ", "a"],
  ["ɡ", "g"],
  ["ʟ", "l"],
  ["ɪ", "i"],
  ["ᴀ", "a"],
  ["ʙ", "b"],
  ["ᴄ", "c"],
  ["ᴅ", "d"],
  ["ᴇ", "e"],
  ["ɢ", "g"],
  ["ʜ", "h"],
  ["ᴊ", "j"],
  ["ᴋ", "k"],
  ["ᴍ", "m"],
  ["ɴ", "n"],
  ["ᴏ", "o"],
  ["ᴘ", "p"],
  ["ʀ", "r"],
  ["ꜱ", "s"],
  ["ᴛ", "t"],
  ["ᴜ", "u"],
  ["ᴠ", "v"],
  ["ᴡ", "w"],
  ["ʏ", "y"],
  ["ᴢ", "z"],
  ["ℓ", "l"],
];

export const confusableToLatin: ReadonlyMap<string, string> = new Map(pairs);

/**
 * The Latin letters whose Cyrillic or Greek look-alike is drawn the same (not merely similar, as
 * Cyrillic "п" for n is): the ones that can be swapped in a word without a reader seeing it.
 */
const sameGlyphLatin = { Cyrillic: "aceijopsxyABCEHIKMOPTXY", Greek: "oABEHIKMNOPTXYZ" } as const;

export type LookalikeScript = keyof typeof sameGlyphLatin;

/**
 * Latin letter → its same-glyph look-alike in `script`, read from the table above (its first pair of
 * that script for the letter): the language identifier repairs mixed-script words with it, the red
 * team plants look-alikes with it, and the normaliser folds them back with the table itself.
 */
export function latinToLookalike(script: LookalikeScript): Readonly<Record<string, string>> {
  const ofScript = new RegExp(`^\\p{Script=${script}}$`, "u");
  const map: Record<string, string> = {};
  for (const latin of sameGlyphLatin[script]) {
    const pair = pairs.find(([lookalike, target]) => target === latin && ofScript.test(lookalike));
    if (!pair) throw new Error(`no ${script} look-alike of "${latin}" in the confusables table`);
    map[latin] = pair[0];
  }
  return map;
}

/** Invisible format characters: zero-width spaces/joiners, word joiner, BOM, soft hyphen, fillers. */
export function isInvisible(codePoint: number): boolean {
  return (
    (codePoint >= 0x200b && codePoint <= 0x200d) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    codePoint === 0xfeff ||
    codePoint === 0x00ad ||
    codePoint === 0x180e ||
    codePoint === 0x034f ||
    codePoint === 0x115f ||
    codePoint === 0x1160 ||
    codePoint === 0x3164 ||
    codePoint === 0xffa0 ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

/** Bidirectional controls (embedding, override, isolate, marks) that can make text read differently than it is stored. */
export function isBidiControl(codePoint: number): boolean {
  return (
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    codePoint === 0x061c
  );
}

/** Unicode tag characters (U+E0000 block) mirror ASCII invisibly ("ASCII smuggling"). */
export function tagCharacterToAscii(codePoint: number): string | undefined {
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return String.fromCharCode(codePoint - 0xe0000);
  if (codePoint === 0xe0001 || codePoint === 0xe007f) return "";
  return undefined;
}
