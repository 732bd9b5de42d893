/**
 * E-mail addresses and telephone numbers. A phone number is taken only when it is labelled (Tel,
 * Telefon, Phone, Fon, Fax, Mobil) or written in an unmistakable phone form (+49 ..., (05251) ...),
 * so article numbers and receipt ids are not mistaken for phones.
 */

export interface FoundContact {
  value: string;
  label?: string;
  index: number;
  raw: string;
}

export function findEmails(text: string): FoundContact[] {
  return [...text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)].map((m) => ({
    value: m[0].toLowerCase(),
    index: m.index!,
    raw: m[0],
  }));
}

const phoneBody = "[+(]?\\d[\\d\\s()/.-]{5,22}\\d";

export function findPhones(text: string): FoundContact[] {
  const found: FoundContact[] = [];
  const labelled = new RegExp(`\\b(tel(?:efon)?|phone|fon|fax|mobil(?:e)?|handy)\\b\\.?:?\\s*(${phoneBody})`, "gi");
  for (const m of text.matchAll(labelled)) {
    const value = normalisePhone(m[2]);
    if (value) found.push({ value, label: m[1].toLowerCase().startsWith("fax") ? "fax" : "phone", index: m.index! + m[0].indexOf(m[2]), raw: m[2].trim() });
  }
  const shaped = /(?<![\w+])(\+\d{1,3}[\s-]?(?:\(0\))?\s?\d[\d\s/-]{5,16}\d|\(0\d{2,5}\)\s?\d[\d\s-]{3,12}\d)/g;
  for (const m of text.matchAll(shaped)) {
    if (found.some((f) => Math.abs(f.index - m.index!) < 3)) continue;
    const value = normalisePhone(m[1]);
    if (value) found.push({ value, label: "phone", index: m.index!, raw: m[1].trim() });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Digits with a leading + kept; 7 to 15 digits (E.164 allows at most 15). */
function normalisePhone(raw: string): string | undefined {
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return undefined;
  return (raw.trim().startsWith("+") ? "+" : "") + digits;
}
