/**
 * One language code space for both models: ISO 639-1 where the language has a two-letter code
 * ("de"), otherwise its ISO 639-3 code ("ceb"), and "und" (ISO 639-2 "undetermined") when unknown.
 */

export const UNDETERMINED = "und";

// CLD3 still uses the withdrawn code "iw" for Hebrew and "fil" for Filipino (fastText: "tl"), and
// tags romanised text as "xx-Latn": the language is the same, only the script differs.
const cld3Codes: Record<string, string> = { iw: "he", fil: "tl", in: "id", ji: "yi", jw: "jv" };

// fastText lid.176 uses Wikipedia edition codes. Individual languages fold into their ISO 639-1
// macrolanguage where ISO 639-3 defines that membership (Egyptian Arabic -> ar, Cantonese and Wu
// -> zh, South Azerbaijani -> az, Central Kurdish -> ku); "als" is the Alemannic Wikipedia (gsw),
// not ISO "als" (Tosk Albanian).
const fastTextCodes: Record<string, string> = { arz: "ar", yue: "zh", wuu: "zh", azb: "az", ckb: "ku", als: "gsw" };

export function normalizeCld3Code(raw: string): string {
  const base = raw.split("-")[0].toLowerCase();
  return cld3Codes[base] ?? base;
}

export function normalizeFastTextLabel(raw: string): string {
  const code = raw.replace(/^__label__/, "").toLowerCase();
  return fastTextCodes[code] ?? code;
}

const englishNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** The English name of a language code ("de" -> "German"), or null when unknown. */
export function languageName(code: string): string | null {
  if (code === UNDETERMINED) return null;
  try {
    return englishNames.of(code) ?? null;
  } catch {
    return null;
  }
}

// Two-letter codes ISO 639 has withdrawn (replaced by he, id, yi, jv, ro and the separate sr/hr/bs).
const withdrawnCodes = new Set(["iw", "in", "ji", "jw", "mo", "sh"]);

/** Whether a string is a current ISO 639-1 code (the platform's CLDR data knows every one). */
export function isIso6391Code(code: string): boolean {
  if (!/^[a-z]{2}$/.test(code) || withdrawnCodes.has(code)) return false;
  try {
    return englishNames.of(code) !== undefined;
  } catch {
    return false;
  }
}
