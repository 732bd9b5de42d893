import { buildRows, foldText, lineAt, type DocumentLine, type DocumentRow } from "./document-rows";
import { findEmails, findPhones } from "./find-contacts";
import { findDocumentNumbers } from "./find-document-numbers";
import { findMerchant } from "./find-merchant";
import { findTotal } from "./find-total";
import { documentCurrency, findAmounts } from "./parse-amounts";
import { findDates } from "./parse-dates";
import { findIbans } from "./validate-iban";

/**
 * Key fields of a page from its OCR lines: dates, amounts with currency, the total, e-mail, phone,
 * IBAN, invoice/receipt numbers, VAT ids and the merchant, each pointing at the line it came from.
 */

export type KeyFieldKind = "merchant" | "date" | "total" | "amount" | "email" | "phone" | "fax" | "iban" | "invoice_number" | "receipt_number" | "vat_id";

export interface KeyField {
  kind: KeyFieldKind;
  /** Normalised value: ISO date, decimal amount, lower-case e-mail, digits of a phone, compact IBAN. */
  value: string;
  /** The characters as read. */
  text: string;
  amount?: number;
  currency?: string;
  /** The label that marked the field ("zu zahlen", "Bon-Nr."), when there was one. */
  label?: string;
  lineIndex: number;
  lineText: string;
  /** The whole row the line sits in (label and value may be separate lines). */
  rowText: string;
  /** OCR confidence of the line. */
  confidence: number;
}

export interface KeyFields {
  merchant: KeyField | null;
  /** The document's date: a labelled one ("Datum", "Date") if present, else the first. */
  date: KeyField | null;
  total: KeyField | null;
  /** Every field found, in reading order. */
  fields: KeyField[];
}

const dateLabel = /\b(datum|date|rechnungsdatum|invoice date|belegdatum|kaufdatum)\b/;

export function extractKeyFields(lines: DocumentLine[], { language }: { language?: string } = {}): KeyFields {
  const rows = buildRows(lines);
  const field = (kind: KeyFieldKind, row: DocumentRow, index: number, extra: Partial<KeyField> & { value: string; text: string }): KeyField => {
    const lineIndex = lineAt(row, index);
    return { kind, lineIndex, lineText: lines[lineIndex].text, rowText: row.text, confidence: lines[lineIndex].confidence, ...extra };
  };
  const currency = documentCurrency(rows.map((r) => r.text).join("\n"));
  const monthFirst = /^en-us$/i.test(language ?? "");
  const fields: KeyField[] = [];
  const dates: { field: KeyField; labelled: boolean }[] = [];
  rows.forEach((row, r) => {
    for (const d of findDates(row.text, { monthFirst })) {
      const labelled = dateLabel.test(foldText(row.text)) || dateLabel.test(foldText(rows[r - 1]?.text ?? ""));
      const f = field("date", row, d.index, { value: d.iso, text: d.raw });
      dates.push({ field: f, labelled });
      fields.push(f);
    }
    const dateSpans = findDates(row.text).map((d) => [d.index, d.index + d.raw.length]);
    for (const a of findAmounts(row.text)) {
      if (dateSpans.some(([s, e]) => a.index < e && s < a.index + a.raw.length)) continue;
      fields.push(field("amount", row, a.index, { value: a.amount.toFixed(2), text: a.raw, amount: a.amount, currency: a.currency ?? currency }));
    }
    for (const e of findEmails(row.text)) fields.push(field("email", row, e.index, { value: e.value, text: e.raw }));
    for (const p of findPhones(row.text)) fields.push(field(p.label === "fax" ? "fax" : "phone", row, p.index, { value: p.value, text: p.raw }));
    for (const i of findIbans(row.text)) fields.push(field("iban", row, i.index, { value: i.iban, text: i.raw }));
    for (const n of findDocumentNumbers(row.text)) fields.push(field(n.kind, row, n.index, { value: n.value, text: n.raw, label: n.label }));
  });

  const total = findTotal(rows, lines);
  const merchant = findMerchant(rows, lines);
  const totalField = total
    ? field("total", rows[total.rowIndex], total.amount.index, {
        value: total.amount.amount.toFixed(2),
        text: total.amount.raw,
        amount: total.amount.amount,
        currency: total.amount.currency ?? currency,
        label: total.label,
      })
    : null;
  const merchantField = merchant
    ? field("merchant", rows[merchant.rowIndex], rows[merchant.rowIndex].lineStarts[rows[merchant.rowIndex].lineIndices.indexOf(merchant.lineIndex)], {
        value: merchant.name,
        text: rows[merchant.rowIndex].text,
      })
    : null;
  const date = dates.find((d) => d.labelled)?.field ?? dates[0]?.field ?? null;
  return { merchant: merchantField, date, total: totalField, fields };
}
