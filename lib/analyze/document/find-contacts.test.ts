import { describe, expect, it } from "vitest";
import { findEmails, findPhones } from "./find-contacts";
import { findDocumentNumbers } from "./find-document-numbers";

describe("contacts and document numbers", () => {
  it("finds e-mail addresses, lower-cased", () => {
    expect(findEmails("from aspammer@Website.com is spam").map((e) => e.value)).toEqual(["aspammer@website.com"]);
  });

  it("takes labelled and phone-shaped numbers, not article numbers", () => {
    expect(findPhones("Tel. 05251/56677 Fax: 05251/55572").map((p) => [p.label, p.value])).toEqual([
      ["phone", "0525156677"],
      ["fax", "0525155572"],
    ]);
    expect(findPhones("(05251) 2020866").map((p) => p.value)).toEqual(["052512020866"]);
    expect(findPhones("call +49 30 1234567").map((p) => p.value)).toEqual(["+49301234567"]);
    expect(findPhones("Artikel 50319963 22621")).toEqual([]);
  });

  it("finds invoice and receipt numbers and VAT ids by their labels", () => {
    const found = findDocumentNumbers("Rechnungsnummer: RE-2020-0042 / Kassenbon Nr: 1505289010 / Bon Nr.:3226 / UST-ID-NR: DE814689550");
    expect(found.map((f) => [f.kind, f.value])).toEqual([
      ["invoice_number", "RE-2020-0042"],
      ["receipt_number", "1505289010"],
      ["receipt_number", "3226"],
      ["vat_id", "DE814689550"],
    ]);
    expect(findDocumentNumbers("Invoice number INV-2024-001")[0]).toMatchObject({ kind: "invoice_number", value: "INV-2024-001" });
  });
});
