/** Check-digit rules that separate real identifiers from look-alike digit strings. */

/** Luhn (mod 10) as used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
export function cardNetwork(digits: string): string | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  if (digits.startsWith("4") && (n === 13 || n === 16 || n === 19)) return "visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return "mastercard";
  if ((p2 === 34 || p2 === 37) && n === 15) return "amex";
  if ((digits.startsWith("6011") || digits.startsWith("65") || (p4 >= 6440 && p4 <= 6499)) && n >= 16) return "discover";
  if (p4 >= 3528 && p4 <= 3589 && n >= 16) return "jcb";
  if ((p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059)) && n >= 14) return "diners";
  if (digits.startsWith("62") && n >= 16) return "unionpay";
  if (["50", "56", "57", "58", "63", "67"].includes(digits.slice(0, 2)) && n >= 12) return "maestro";
  return undefined;
}

/** IBAN lengths by country (ISO 13616 registry, the countries most seen). */
export const ibanLengths: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

/** ISO 7064 MOD 97-10 over the rearranged IBAN; valid when the remainder is 1. */
export function ibanValid(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (ibanLengths[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * German tax identification number (Steuerliche Identifikationsnummer): 11 digits, no leading zero,
 * in the first ten exactly one digit repeats (twice, or three times not all adjacent), and the last
 * digit is the ISO 7064 MOD 11,10 check digit.
 */
export function germanTaxIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const body = digits.slice(0, 10);
  const counts = new Map<string, number>();
  for (const d of body) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.values()].filter((c) => c > 1);
  if (repeated.length !== 1 || repeated[0] > 3) return false;
  if (repeated[0] === 3 && /(\d)\1\1/.test(body)) return false;
  let product = 10;
  for (const d of body) {
    let sum = (Number(d) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[10]);
}

/** US Social Security Number area/group/serial rules (no 000, 666 or 9xx area; no 00 group; no 0000 serial). */
export function usSsnValid(area: string, group: string, serial: string): boolean {
  return area !== "000" && area !== "666" && !area.startsWith("9") && group !== "00" && serial !== "0000";
}
