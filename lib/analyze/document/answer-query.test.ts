import { describe, expect, it } from "vitest";
import { answerQuery, fieldForQuery } from "./answer-query";
import { buildRows, type DocumentLine } from "./document-rows";
import { extractKeyFields } from "./extract-key-fields";
import { bm25Scores, tokenize } from "./rank-passages";

function page(texts: string[]): DocumentLine[] {
  return texts.map((text, row) => ({ text, confidence: 0.97, box: { x: 10, y: 10 + row * 40, width: text.length * 12, height: 30 }, row }));
}

const receipt = page([
  "DELPHIN APOTHEKE",
  "Detmolder Strasse 8",
  "Tel. 05251/56677",
  "2 * Atemschutzmaske FFP 1St",
  "Summe EUR 19,90",
  "gegeben Kreditkarte EUR 19,90",
  "23.04.2020 09:59",
  "Vielen Dank fur Ihren Einkauf",
]);

describe("passage ranking and answers", () => {
  it("tokenises without accents, stopwords or one-letter words, keeping numbers whole", () => {
    expect(tokenize("Wie hoch ist die Summe für 2 Masken à 9,95?")).toEqual(["hoch", "summe", "2", "masken", "9,95"]);
  });

  it("BM25 favours the rare term and shorter rows", () => {
    const scores = bm25Scores(["maske"], [["maske"], ["maske", "corona", "ffp", "st"], ["summe"]]);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[2]).toBe(0);
    // Half credit inside a compound word.
    const compound = bm25Scores(["maske"], [["atemschutzmaske"], ["maske"], ["summe"]]);
    expect(compound[0]).toBeGreaterThan(0);
    expect(compound[0]).toBeLessThan(compound[1]);
  });

  it("maps a question to the key field it asks for", () => {
    const fields = extractKeyFields(receipt);
    expect(fieldForQuery("What is the total?", fields)?.value).toBe("19.90");
    expect(fieldForQuery("Wann war der Einkauf?", fields)?.value).toBe("2020-04-23");
    expect(fieldForQuery("Which shop issued this?", fields)?.value).toBe("DELPHIN APOTHEKE");
    expect(fieldForQuery("phone number?", fields)?.value).toBe("0525156677");
    expect(fieldForQuery("Was wurde gekauft?", fields)).toBeNull();
  });

  it("answers with the field and ranks the row it came from first, combining words and sentence embeddings", async () => {
    const lines = receipt;
    const answer = await answerQuery("How much was paid in total?", buildRows(lines), extractKeyFields(lines));
    expect(answer.text).toBe("19.90 EUR");
    expect(answer.field?.lineText).toBe("Summe EUR 19,90");
    expect(answer.semantic).toEqual({ available: true });
    expect(answer.passages).toHaveLength(5);
    expect(answer.passages[0].semanticScore).not.toBeNull();
    for (const p of answer.passages) expect(p.score).toBeCloseTo(0.5 * p.lexicalScore + 0.5 * p.semanticScore!, 3);
  });

  it("answers from the row a question names: its amount, not the total", async () => {
    const lines = page(["Brot 2,49", "Milch 1,19", "Summe 3,68"]);
    const answer = await answerQuery("Wie viel kostet die Milch?", buildRows(lines), extractKeyFields(lines));
    expect(answer.field).toMatchObject({ kind: "amount", amount: 1.19 });
    const total = await answerQuery("Wie viel kostet alles zusammen?", buildRows(lines), extractKeyFields(lines));
    expect(total.field).toMatchObject({ kind: "total", amount: 3.68 });
  });

  it("answers a question no field covers with the best passage", async () => {
    const answer = await answerQuery("Which mask was bought?", buildRows(receipt), extractKeyFields(receipt));
    expect(answer.field).toBeNull();
    expect(answer.text).toBe("2 * Atemschutzmaske FFP 1St");
  });
});
