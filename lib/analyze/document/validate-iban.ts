/**
 * IBANs (ISO 13616): country code, two check digits, up to 30 letters and digits, printed in groups
 * of four. A candidate counts only if its length fits its country and the mod-97 check gives 1,
 * which rejects every single-character OCR error and almost every swap.
 */

/** Lengths of the IBAN countries most documents here come from; others need 15-34 characters. */
const lengthByCountry: Record<string, number> = {
  AT: 20,
  BE: 16,
  CH: 21,
  CZ: 24,
  DE: 22,
  DK: 18,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  IE: 22,
  IT: 27,
  LI: 21,
  LU: 20,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  SE: 24,
};

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = lengthByCountry[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function findIbans(text: string): { iban: string; index: number; raw: string }[] {
  const found: { iban: string; index: number; raw: string }[] = [];
  for (const m of text.matchAll(/(?<![A-Z0-9])[A-Z]{2}\s?\d{2}(?:[\s-]?[A-Z0-9]{1,4}){3,8}/gi)) {
    // The greedy match may have swallowed a following word ("... 00 BIC"): drop trailing groups until it checks.
    const groups = m[0].split(/(?=[\s-])/);
    for (let n = groups.length; n >= 1; n--) {
      const raw = groups.slice(0, n).join("");
      if (isValidIban(raw)) {
        found.push({ iban: raw.replace(/[\s-]/g, "").toUpperCase(), index: m.index!, raw });
        break;
      }
    }
  }
  return found;
}
