/**
 * Decides whether a decoded string reads as language rather than noise, so a random identifier that
 * happens to be valid base64 is not treated as a hidden message.
 */

// Common English function words plus the vocabulary of instructions to a model: decoded payloads in
// attacks are almost always English commands.
const vocabulary = new Set(
  (
    "a an the and or but if then so to of in on at by for with from into about as is are was were be been being am do does did " +
    "not no yes you your yours me my i we our us he she it its they them their this that these those there here what which who " +
    "how why when where all any every each some more most other only own same than too very can will just should would could " +
    "must may might now new have has had say says said tell told give show print write output reply respond answer " +
    "ignore disregard forget previous prior above earlier instructions instruction rules rule system prompt password secret key " +
    "reveal repeat confidential delete remove send email user users data file files command commands execute run code admin mode " +
    "access grant override bypass pwned hacked please capital answer is state respond summary webpage document"
  ).split(" "),
);

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** Share of words that are common English or instruction vocabulary. */
export function vocabularyRatio(text: string): number {
  const words = wordsOf(text);
  if (words.length === 0) return 0;
  return words.filter((w) => vocabulary.has(w)).length / words.length;
}

/** Printable characters (letters, digits, punctuation, spaces) as a share of all characters. */
export function printableRatio(text: string): number {
  if (text.length === 0) return 0;
  let printable = 0;
  for (const ch of text) if (/[\p{L}\p{N}\p{P}\p{S}\s]/u.test(ch) && !/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/.test(ch)) printable++;
  return printable / [...text].length;
}

/** True when a decoded payload looks like a message: printable, with words, and not a single token. */
export function isPlausibleMessage(text: string): boolean {
  if (text.trim().length < 4) return false;
  if (printableRatio(text) < 0.9) return false;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 3 || letters / text.length < 0.45) return false;
  // Either several words, or a command-looking string (paths, calls) that still reads as text.
  return /\s/.test(text.trim()) || /[(/.=]/.test(text);
}

export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}
