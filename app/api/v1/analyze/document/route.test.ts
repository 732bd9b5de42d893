import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { documentResponseSchema } from "@/lib/analyze/document/schemas";
import { authorization } from "@/test/api-requests";
import { POST } from "./route";

// A receipt rendered here (sharp + SVG text), sent as JSON (base64 and data URL) and as multipart.
const receiptLines = ["MUSTERMARKT", "Hauptstrasse 12", "Datum 18.04.2020", "Brot 2,49", "Milch 1,19", "Summe EUR 3,68", "Vielen Dank"];
let receipt: Buffer;

beforeAll(async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="${60 + receiptLines.length * 56}"><rect width="100%" height="100%" fill="white"/>${receiptLines
    .map((text, i) => `<text x="40" y="${60 + i * 56}" font-family="DejaVu Sans Mono" font-size="${i === 0 ? 40 : 28}" fill="black">${text}</text>`)
    .join("")}</svg>`;
  receipt = await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
});

const url = "http://localhost/api/v1/analyze/document";

describe("POST /api/v1/analyze/document", () => {
  it("reads a page sent as JSON base64: lines, full text, key fields, language, timings", async () => {
    const response = await POST(
      new Request(url, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ document_image: receipt.toString("base64") }),
      }),
    );
    expect(response.status).toBe(200);
    const body = documentResponseSchema.parse(await response.json());
    expect(body.full_text.split("\n")).toEqual(receiptLines);
    expect(body.lines).toHaveLength(receiptLines.length);
    expect(body.key_fields?.merchant?.value).toBe("MUSTERMARKT");
    expect(body.key_fields?.date).toMatchObject({ value: "2020-04-18", line_index: 2 });
    expect(body.key_fields?.total).toMatchObject({ amount: 3.68, currency: "EUR", label: "summe", line_text: "Summe EUR 3,68" });
    expect(body.answer).toBeNull();
    expect(body.page_rotation_degrees).toBe(0);
    expect(body.language).toMatchObject({ available: true });
    expect(body.models.detection.id).toBe("ppocr-v4-det");
    expect(body.timings_ms.detect).toBeGreaterThan(0);
    expect(body.timings_ms.recognize).toBeGreaterThan(0);
    expect(body.processing_time_ms).toBeGreaterThanOrEqual(body.timings_ms.ocr_total);
  });

  it("answers a question sent with the page as multipart, with ranked passages", async () => {
    const form = new FormData();
    form.set("document_image", new Blob([new Uint8Array(receipt)], { type: "image/jpeg" }), "receipt.jpg");
    form.set("query", "Wie viel kostet die Milch?");
    form.set("language", "de");
    const response = await POST(new Request(url, { method: "POST", headers: { authorization }, body: form }));
    expect(response.status).toBe(200);
    const body = documentResponseSchema.parse(await response.json());
    // The question names a row: its amount answers, not the receipt's total.
    expect(body.answer).toMatchObject({ text: "1.19 EUR", field: { kind: "amount", amount: 1.19, line_text: "Milch 1,19" } });
    expect(body.answer?.passages[0].text).toBe("Milch 1,19");
    expect(body.answer?.passages[0].lexical_score).toBe(1);
    expect(body.answer?.semantic.available).toBe(true);
    expect(body.language?.hint).toBe("de");
    expect(body.models.embedding).toEqual({ id: "use-lite-en" });
  });

  it("takes a data URL, and hostile text in the query is answered as plain data", async () => {
    const query = "<script>alert(1)</script> Brot?";
    const response = await POST(
      new Request(url, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ document_image: `data:image/jpeg;base64,${receipt.toString("base64")}`, query }),
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.answer.query).toBe(query);
    expect(body.answer.text).toBe("Brot 2,49");
  });
});
