import { describe, expect, it } from "vitest";
import type { DocumentLine } from "./document-rows";
import { extractKeyFields } from "./extract-key-fields";

/** Lines of a page: [text, x, y, height?] with rows assigned by y, as the OCR does. */
function page(items: [string, number, number, number?][]): DocumentLine[] {
  const ys = [...new Set(items.map((i) => i[2]))].sort((a, b) => a - b);
  return items.map(([text, x, y, height = 30]) => ({ text, confidence: 0.95, box: { x, y, width: text.length * 15, height }, row: ys.indexOf(y) }));
}

describe("extractKeyFields", () => {
  const receipt = page([
    ["A L D I", 300, 50, 40],
    ["Pohlweg 110", 320, 100],
    ["33100 Paderborn", 280, 200],
    ["KIWI, VORGEREIFT", 20, 500],
    ["1,49 C", 700, 500],
    ["ZU ZAHLEN EURO", 20, 1060],
    ["8,83", 700, 1060],
    ["MWST Netto Brutto", 20, 1250],
    ["C 7,00% 6,59 0,46 7,05", 20, 1300],
    ["Summe 0,47 6,69 9,99", 20, 1350],
    ["Aldi GmbH & Co. KG, Schloss Holte", 60, 1700],
    ["09:5118.04.2020", 500, 1800],
  ]);

  it("finds merchant, date and total on a receipt, each pointing at its line", () => {
    const fields = extractKeyFields(receipt);
    expect(fields.merchant).toMatchObject({ value: "ALDI", lineIndex: 0 });
    expect(fields.date).toMatchObject({ value: "2020-04-18", text: "18.04.2020", lineIndex: 11 });
    // "zu zahlen" beats a larger amount on a tax-table "Summe" row.
    expect(fields.total).toMatchObject({
      value: "8.83",
      amount: 8.83,
      currency: "EUR",
      label: "zu zahlen",
      lineIndex: 6,
      lineText: "8,83",
      rowText: "ZU ZAHLEN EURO 8,83",
    });
    expect(fields.fields.filter((f) => f.kind === "amount").map((f) => f.amount)).toEqual([1.49, 8.83, 6.59, 0.46, 7.05, 0.47, 6.69, 9.99]);
  });

  it("reads a total from the column below its label when the label heads a table", () => {
    const fields = extractKeyFields(
      page([
        ["Netto", 100, 10],
        ["MwSt", 300, 10],
        ["Total", 500, 10],
        ["1,64", 100, 50],
        ["0,31", 300, 50],
        ["1,95", 500, 50],
      ]),
    );
    expect(fields.total).toMatchObject({ amount: 1.95, lineText: "1,95" });
    // A label and its amount as two lines of one row: the total points at the amount's line.
    expect(
      extractKeyFields(
        page([
          ["zu zahlen", 20, 10],
          ["7,16", 600, 10],
        ]),
      ).total,
    ).toMatchObject({ lineIndex: 1, lineText: "7,16" });
  });

  it("reads a euro sign the recogniser misread as 6 when the rest of the amount appears elsewhere", () => {
    const fields = extractKeyFields(
      page([
        ["Total", 20, 10],
        ["61,95", 600, 10],
        ["MwSt Total 1,95", 20, 60],
      ]),
    );
    expect(fields.total).toMatchObject({ amount: 1.95, currency: "EUR" });
    expect(
      extractKeyFields(
        page([
          ["Total", 20, 10],
          ["61,95", 600, 10],
        ]),
      ).total?.amount,
    ).toBe(61.95);
  });

  it("prefers a labelled date, and finds contacts, IBAN and numbers", () => {
    const fields = extractKeyFields(
      page([
        ["Muster GmbH", 20, 10, 50],
        ["Lieferdatum 01.03.2024", 20, 80],
        ["Rechnungsdatum: 05.03.2024", 20, 120],
        ["Rechnungsnummer: RE-77", 20, 160],
        ["E-Mail: info@muster.de Tel. +49 30 1234567", 20, 200],
        ["IBAN DE89 3704 0044 0532 0130 00", 20, 240],
      ]),
    );
    expect(fields.date?.value).toBe("2024-03-05");
    expect(fields.merchant?.value).toBe("Muster");
    const kinds = fields.fields.map((f) => `${f.kind}:${f.value}`);
    expect(kinds).toEqual(expect.arrayContaining(["invoice_number:RE-77", "email:info@muster.de", "phone:+49301234567", "iban:DE89370400440532013000"]));
  });

  it("returns nothing for an empty page", () => {
    expect(extractKeyFields([])).toEqual({ merchant: null, date: null, total: null, fields: [] });
  });
});
