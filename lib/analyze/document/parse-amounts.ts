/**
 * Money amounts: a number with exactly two decimals (decimal comma or point, optional thousands
 * separators) and a currency symbol or code before or after it when there is one. Two decimals are
 * required, and percentages refused, so quantities ("0,2 L"), rates ("7,00%") and years are not
 * taken for prices.
 */

export interface FoundAmount {
  amount: number;
  /** ISO 4217 code when the match carries a currency. */
  currency?: string;
  /** Offset of the number in the text. */
  index: number;
  raw: string;
}

export const currencyByToken: Record<string, string> = {
  "€": "EUR",
  eur: "EUR",
  euro: "EUR",
  $: "USD",
  usd: "USD",
  us$: "USD",
  "£": "GBP",
  gbp: "GBP",
  chf: "CHF",
  fr: "CHF",
  "¥": "JPY",
  jpy: "JPY",
  cny: "CNY",
  rmb: "CNY",
  元: "CNY",
  sek: "SEK",
  nok: "NOK",
  dkk: "DKK",
  pln: "PLN",
  zł: "PLN",
  czk: "CZK",
  kč: "CZK",
  cad: "CAD",
  aud: "AUD",
  inr: "INR",
  "₹": "INR",
};

const symbol = "€|\\$|£|¥|₹|元";
const code = "eur|euro|usd|us\\$|gbp|chf|jpy|cny|rmb|sek|nok|dkk|pln|czk|cad|aud|inr";
const number = "-?\\s?(?:\\d{1,3}(?:[.,' ]\\d{3})+|\\d+)[.,]\\d{2}";
const amountRegex = new RegExp(
  `(?:(${symbol})\\s?|(?<![\\p{L}])(${code})\\s?)?(?<![\\d.,])(${number})(?![\\d]|[.,]\\d|\\s?%)(?:\\s?(${symbol})|\\s?(${code})(?![\\p{L}]))?`,
  "giu",
);

export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  for (const m of text.matchAll(amountRegex)) {
    const amount = parseNumber(m[3]);
    if (amount === undefined) continue;
    const token = (m[1] ?? m[2] ?? m[4] ?? m[5])?.toLowerCase();
    // The index is the number's (a currency code before it may be a separate OCR line: "EURO" | "8,83").
    found.push({ amount, currency: token ? currencyByToken[token] : undefined, index: m.index! + m[0].indexOf(m[3].trimStart()), raw: m[0].trim() });
  }
  return found;
}

/** "1.234,56", "1,234.56", "1 234,56", "8,83" -> number; the last separator before two digits is the decimal one. */
export function parseNumber(text: string): number | undefined {
  const compact = text.replace(/\s/g, "");
  const negative = compact.startsWith("-");
  const digits = compact.replace(/^-/, "");
  const integer = digits.slice(0, -3).replace(/[.,']/g, "");
  const decimals = digits.slice(-2);
  if (!/^\d+$/.test(integer) || !/^\d{2}$/.test(decimals)) return undefined;
  const value = Number(`${integer}.${decimals}`);
  return negative ? -value : value;
}

/** The currency a document is written in: the most frequent currency token in it, if any. */
export function documentCurrency(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(`(${symbol})|(?<![\\p{L}])(${code})(?![\\p{L}])`, "giu"))) {
    const iso = currencyByToken[m[0].toLowerCase()];
    if (iso) counts.set(iso, (counts.get(iso) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
