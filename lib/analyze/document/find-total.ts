import { levenshtein } from "../../inference/ocr/measure-text-errors";
import { findAmounts, type FoundAmount } from "./parse-amounts";
import { foldText, lineAt, type DocumentLine, type DocumentRow } from "./document-rows";

/**
 * The amount to pay: an amount on a row labelled as a total ("zu zahlen", "Summe", "Total",
 * "Gesamt", "Amount due"...), to the right of the label, or below it when the label heads a column.
 * Stronger labels win; tax-table rows ("MwSt", "Netto") count less, since their sums are not what
 * was paid. Labels are matched with one OCR error allowed ("Tatal").
 */

export interface FoundTotal {
  amount: FoundAmount;
  label: string;
  rowIndex: number;
  lineIndex: number;
  strength: number;
}

const labelStrength: [RegExp, number][] = [
  [/\bzu\s?zahlen\b|\bzahlbetrag\b|\b(gesamt|end|rechnungs)betrag\b|\b(amount|balance|total)\s+due\b|\bgrand\s+total\b|\btotal\s+amount\b|\ba\s+payer\b/, 3],
  [/\bsumme\b|\btotal[e]?\b|\bgesamt\b|\bimporte\b/, 2],
  [/\bbetrag\b|\bamount\b/, 1],
];
const fuzzyLabels: [string, number][] = [
  ["summe", 2],
  ["total", 2],
  ["gesamt", 2],
  ["zahlen", 3],
];
const taxWords = /\b(mwst|must|ust|netto|steuer|tax|vat|zwischensumme|subtotal|sub-total|rabatt|discount|ruckgeld|change)\b|mwst|steuer/;

export function findTotal(rows: DocumentRow[], lines: DocumentLine[]): FoundTotal | undefined {
  const candidates: FoundTotal[] = [];
  rows.forEach((row, r) => {
    const label = matchLabel(foldText(row.text));
    if (!label) return;
    const strength = label.strength - (taxWords.test(foldText(row.text)) ? 1.5 : 0);
    const sameRow = findAmounts(row.text).filter((a) => a.index >= label.end);
    if (sameRow.length > 0) {
      const amount = sameRow[sameRow.length - 1];
      candidates.push({ amount, label: label.text, rowIndex: r, lineIndex: lineAt(row, amount.index), strength });
      return;
    }
    const below = rows[r + 1];
    if (!below) return;
    const belowAmounts = findAmounts(below.text);
    const labelLine = lines[lineAt(row, label.start)];
    const underLabel = belowAmounts.filter((a) => overlapsX(lines[lineAt(below, a.index)].box, labelLine.box));
    const amount = belowAmounts.length === 1 ? belowAmounts[0] : underLabel.at(-1);
    if (amount) candidates.push({ amount, label: label.text, rowIndex: r + 1, lineIndex: lineAt(below, amount.index), strength: strength - 0.5 });
  });
  const corrected = candidates.map((c) => correctEuroSign(c, rows));
  return corrected.sort((a, b) => b.strength - a.strength || b.amount.amount - a.amount.amount)[0];
}

/**
 * The recogniser's dictionary (PaddleOCR ppocr_keys_v1) has no "€" and reads the sign as 6, 0, C or
 * E, so "€1,95" comes out as "61.95". When a total starts with one of those and the rest is an
 * amount printed elsewhere on the page (the tax table repeats it), the rest is the total, in euros.
 */
function correctEuroSign(candidate: FoundTotal, rows: DocumentRow[]): FoundTotal {
  const raw = candidate.amount.raw;
  const m = /^([60CE])(\d+[.,]\d{2})$/.exec(raw);
  if (!m) return candidate;
  const rest = findAmounts(m[2])[0];
  const elsewhere = rows.some((row, r) => r !== candidate.rowIndex && findAmounts(row.text).some((a) => a.amount === rest?.amount));
  if (!rest || !elsewhere) return candidate;
  return { ...candidate, amount: { ...candidate.amount, amount: rest.amount, currency: "EUR", raw } };
}

function matchLabel(folded: string): { text: string; start: number; end: number; strength: number } | undefined {
  for (const [regex, strength] of labelStrength) {
    const m = regex.exec(folded);
    if (m) return { text: m[0], start: m.index, end: m.index + m[0].length, strength };
  }
  for (const m of folded.matchAll(/\p{L}{5,}/gu)) {
    const hit = fuzzyLabels.find(([word]) => Math.abs(word.length - m[0].length) <= 1 && levenshtein(word, m[0]) <= 1);
    if (hit) return { text: m[0], start: m.index!, end: m.index! + m[0].length, strength: hit[1] };
  }
  return undefined;
}

function overlapsX(a: { x: number; width: number }, b: { x: number; width: number }): boolean {
  return Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x);
}
