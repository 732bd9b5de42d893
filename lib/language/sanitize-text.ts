/**
 * Makes submitted text safe to analyse and to show back: control characters (C0 except tab and
 * newline, DEL, C1), bidirectional overrides and isolates (the "Trojan Source" characters that
 * make text display differently from what it is) and byte-order marks are removed; lone surrogates
 * become U+FFFD; line breaks become \n; the result is in Unicode NFC so that "é" is one character
 * however it was typed. Zero-width joiners stay: Persian, Indic scripts and emoji need them.
 */

export interface SanitizedText {
  text: string;
  /** How many characters were removed (controls, bidi overrides, BOMs). */
  removedCharacters: number;
}

const removable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function sanitizeText(raw: string): SanitizedText {
  const wellFormed = raw.toWellFormed().replace(/\r\n?/g, "\n");
  let removedCharacters = 0;
  const stripped = wellFormed.replace(removable, () => {
    removedCharacters++;
    return "";
  });
  return { text: stripped.normalize("NFC"), removedCharacters };
}
