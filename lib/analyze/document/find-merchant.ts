import { findAmounts } from "./parse-amounts";
import { findDates } from "./parse-dates";
import { foldText, type DocumentLine, type DocumentRow } from "./document-rows";
import { levenshtein } from "../../inference/ocr/measure-text-errors";
import { median } from "../../stats";

/**
 * Who issued the document: the shop name is usually the first, largest text at the top; a company
 * line ("Aldi GmbH & Co. KG", "toom Baumarkt GmbH") anywhere confirms it or stands in for it.
 * Rows that are addresses, phone numbers, dates or document words are never the merchant.
 */

export interface FoundMerchant {
  name: string;
  rowIndex: number;
  lineIndex: number;
}

const TOP_ROWS = 6;
const companySuffix = /\b(gmbh|ag|kg|e\.?\s?k\.?|ohg|ug|ltd|inc|llc|plc|s\.?a\.?|sarl|s\.?r\.?l\.?|b\.?v\.?|co\.)(?![\p{L}])/iu;
const streetAddress = /\p{L}*(weg|str(asse|aße|abe|\.)?|platz|allee|gasse|ring|damm|street|st\.|road|rd\.|avenue|ave\.)\s*\d+/iu;
const notAName =
  /\b(str(asse|\.)?|strabe|weg|platz|allee|gasse|ring|damm|chaussee|tel|fax|telefon|phone|www|http|datum|date|rechnung|invoice|quittung|kassenbon|beleg|receipt|bon|kasse|willkommen|welcome|filiale|uhr|offnungszeiten|eur|euro)\b|@|\d{5}|strabe|strasse|straße/;

export function findMerchant(rows: DocumentRow[], lines: DocumentLine[]): FoundMerchant | undefined {
  // "higher": an actual line's height; NaN (no lines) falls back to 1 like 0 did.
  const medianHeight =
    median(
      lines.map((l) => l.box.height),
      "higher",
    ) || 1;
  const companies = rows.flatMap((row) => {
    const m = companySuffix.exec(row.text);
    if (!m || m.index === 0) return [];
    const name = cleanName(
      row.text
        .slice(0, m.index)
        .replace(/[&+,]\s*$/, "")
        .replace(/^.*[:;]\s*/, "")
        .replace(/^[\d\s]+/, ""),
    );
    return name.length >= 2 ? [{ name, row }] : [];
  });
  const candidates = rows.slice(0, TOP_ROWS).flatMap((row, position) => {
    const text = cleanName(row.text);
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    const digits = (text.match(/\d/g) ?? []).length;
    if (
      letters < 3 ||
      digits > 0.3 * text.length ||
      notAName.test(foldText(text)) ||
      streetAddress.test(text) ||
      findDates(text).length > 0 ||
      findAmounts(text).length > 0
    ) {
      return [];
    }
    const height = Math.max(...row.lineIndices.map((i) => lines[i].box.height));
    const confidence = Math.min(...row.lineIndices.map((i) => lines[i].confidence));
    const respelled = companies.map((c) => respell(text, c.name, confidence, c.row, lines)).find(Boolean);
    const confirmed = respelled !== undefined || companies.some((c) => sharesWord(c.name, text));
    const score = (2 * height) / medianHeight + (TOP_ROWS - position) / TOP_ROWS + (confirmed ? 2 : 0);
    return [{ name: respelled ?? text, row, score }];
  });
  const best = [...candidates].sort((a, b) => b.score - a.score)[0];
  if (best) {
    // Shop names set in two lines of the same size ("DELPHIN" / "APOTHEKE") are one name.
    const height = (c: { row: DocumentRow }) => Math.max(...c.row.lineIndices.map((i) => lines[i].box.height));
    const sameSize = (c: (typeof candidates)[number]) => height(c) >= 0.8 * height(best) && height(c) <= 1.25 * height(best);
    const before = candidates.find((c) => c.row.index === best.row.index - 1 && sameSize(c));
    const after = candidates.find((c) => c.row.index === best.row.index + 1 && sameSize(c));
    const name = [before?.name, best.name, after?.name].filter(Boolean).join(" ");
    const first = before ?? best;
    return { name: withoutCompanySuffix(name), rowIndex: first.row.index, lineIndex: first.row.lineIndices[0] };
  }
  const company = companies[0];
  return company ? { name: company.name, rowIndex: company.row.index, lineIndex: company.row.lineIndices[0] } : undefined;
}

function withoutCompanySuffix(name: string): string {
  const m = companySuffix.exec(name);
  return m && m.index > 0 ? name.slice(0, m.index).replace(/[\s&+,]+$/, "") : name;
}

/** Collapses letter-spaced headings ("A L D I" -> "ALDI") and trims punctuation. */
export function cleanName(text: string): string {
  return text
    .replace(/(?<!\p{L})\p{L}(?: \p{L}(?!\p{L}))+/gu, (run) => run.replace(/ /g, ""))
    .replace(/^[^\p{L}\d]+|[^\p{L}\d.)]+$/gu, "")
    .trim();
}

/**
 * Logos are read less surely than small print: when a heading is close to a word of the company
 * line ("KEI" for the logo, "IKEA Deutschland GmbH" below it: at most half the word's letters
 * differ) and that line was read more confidently, the company line's spelling is taken.
 */
function respell(heading: string, company: string, headingConfidence: number, companyRow: DocumentRow, lines: DocumentLine[]): string | undefined {
  const companyConfidence = companyRow.lineIndices.reduce((s, i) => s + lines[i].confidence, 0) / companyRow.lineIndices.length;
  if (companyConfidence <= headingConfidence) return undefined;
  const headingWord = heading.replace(/\s+/g, "").toLowerCase();
  return (company.match(/\p{L}{4,}/gu) ?? []).find((word) => {
    const distance = levenshtein(word.toLowerCase(), headingWord);
    return distance > 0 && distance <= Math.max(1, Math.floor(word.length / 2));
  });
}

function sharesWord(a: string, b: string): boolean {
  const words = new Set(foldText(a).match(/\p{L}{3,}/gu) ?? []);
  return (foldText(b).match(/\p{L}{3,}/gu) ?? []).some((w) => words.has(w));
}
