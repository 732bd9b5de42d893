/**
 * Invoice and receipt numbers and VAT ids, found by their labels ("Rechnungsnummer", "Invoice No.",
 * "Bon-Nr.", "Beleg Nr", "USt-IdNr.") followed by the identifier.
 */

export type DocumentNumberKind = "invoice_number" | "receipt_number" | "vat_id";

export interface FoundDocumentNumber {
  kind: DocumentNumberKind;
  value: string;
  label: string;
  index: number;
  raw: string;
}

const labels: { kind: DocumentNumberKind; regex: RegExp }[] = [
  { kind: "invoice_number", regex: /\b(rechnungs[\s-]?(?:nummer|nr\.?)|rechnung\s+nr\.?|invoice\s*(?:no\.?|number|num\.?|#|nr\.?)|facture\s*n[°o]\.?)/gi },
  {
    kind: "receipt_number",
    regex:
      /\b((?:kassen)?bon[\s-]?(?:nummer|nr\.?)|beleg[\s-]?(?:nummer|nr\.?)|quittung[\s-]?(?:nummer|nr\.?)|receipt\s*(?:no\.?|number|#)|transaction\s*(?:no\.?|id|#)|ta[\s-]?nr\.?)/gi,
  },
  { kind: "vat_id", regex: /\b(ust[\s.-]?id[\s.-]?(?:nr\.?)?|umst[\s.-]?id[\s.-]?(?:nr\.?)?|uid(?:[\s.-]?nr\.?)?|vat\s*(?:no\.?|id|reg\.?\s*no\.?)|tva)/gi },
];

export function findDocumentNumbers(text: string): FoundDocumentNumber[] {
  const found: FoundDocumentNumber[] = [];
  for (const { kind, regex } of labels) {
    for (const m of text.matchAll(regex)) {
      const after = text.slice(m.index! + m[0].length);
      const id = kind === "vat_id" ? /^[\s:.#]*([A-Z]{2}\s?[\dA-Z][\d\sA-Z]{6,14}[\dA-Z])/i.exec(after) : /^[\s:.#]*([A-Z0-9][A-Z0-9/-]{2,24})/i.exec(after);
      if (!id || !/\d/.test(id[1])) continue;
      const value = id[1].replace(/\s/g, "").toUpperCase();
      if (kind === "vat_id" && !/^[A-Z]{2}\d/.test(value)) continue;
      found.push({ kind, value, label: m[0].trim(), index: m.index! + m[0].length + id[0].indexOf(id[1]), raw: id[1] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
