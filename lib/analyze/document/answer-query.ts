import "server-only";
import type { DocumentRow } from "./document-rows";
import { foldText } from "./document-rows";
import type { KeyField, KeyFieldKind, KeyFields } from "./extract-key-fields";
import { bm25Scores, rankPassages, tokenize, type PassageRanking, type RankedPassage } from "./rank-passages";

/**
 * Answers a question about a page extractively: the best-ranked row is the answer, and when the
 * question asks for something the key fields hold ("what is the total?", "wann?", "IBAN?") that
 * field is the answer, with the line it came from.
 */

export interface DocumentAnswer {
  query: string;
  /** The answer text: the key field's value when one matched, else the best passage. */
  text: string;
  /** The key field that answers the question, if the question asked for one and the page has it. */
  field: KeyField | null;
  /** The best passage (row) and the runners-up, best first. */
  passages: RankedPassage[];
  semantic: PassageRanking["semantic"];
  embedMs: number;
}

const intents: [KeyFieldKind, RegExp][] = [
  ["invoice_number", /\b(invoice|rechnungs?)\s*(number|no|nr|nummer|#)|\brechnungsnummer\b/],
  ["receipt_number", /\b(receipt|bon|beleg|quittung)\s*(number|no|nr|nummer|#)|\b(bonnummer|belegnummer)\b/],
  ["vat_id", /\b(vat|ust|umsatzsteuer|tax)[\s-]*(id|number|nr|nummer|identifikationsnummer)\b/],
  ["iban", /\b(iban|bank\s*account|bankverbindung|konto)\b/],
  ["email", /\be-?mail\b/],
  ["phone", /\b(phone|telephone|telefon\w*|tel|call|anrufen|fax)\b/],
  ["date", /\b(date|datum|when|wann|day|tag|issued on)\b/],
  ["total", /\b(total|sum|summe|gesamt\w*|amount|betrag|how much|wie\s?viel|zu zahlen|pay|paid|bezahlt|cost|costs|kosten|kostet|kostete|price|preis)\b/],
  ["merchant", /\b(merchant|store|shop|seller|vendor|company|firma|geschaft|handler|laden|issuer|aussteller|who)\b/],
];

export function fieldForQuery(query: string, keyFields: KeyFields): KeyField | null {
  const folded = foldText(query);
  for (const [kind, pattern] of intents) {
    if (!pattern.test(folded)) continue;
    if (kind === "total") return keyFields.total;
    if (kind === "date") return keyFields.date;
    if (kind === "merchant") return keyFields.merchant;
    const match = keyFields.fields.find((f) => f.kind === kind || (kind === "phone" && f.kind === "fax" && /fax/.test(folded)));
    return match ?? null;
  }
  return null;
}

/**
 * The words of a query that name its subject, with the words that only say which kind of field is
 * wanted removed: "Wie viel kostet die Milch?" -> ["milch"].
 */
function subjectTokens(query: string): string[] {
  let rest = foldText(query);
  for (const [, pattern] of intents) rest = rest.replace(new RegExp(pattern.source, "g"), " ");
  return tokenize(rest);
}

export async function answerQuery(query: string, rows: DocumentRow[], keyFields: KeyFields): Promise<DocumentAnswer> {
  const ranking = await rankPassages(query, rows);
  const intentField = fieldForQuery(query, keyFields);
  // A question about one row ("what did the milk cost?") is answered from that row: the field of
  // the kind asked for in it (an amount for "how much") rather than the page-level field (the total).
  const subject = subjectTokens(query);
  const subjectScores =
    subject.length > 0
      ? bm25Scores(
          subject,
          rows.map((r) => tokenize(r.text)),
        )
      : [];
  const best = subjectScores.length > 0 ? subjectScores.indexOf(Math.max(...subjectScores)) : -1;
  let field = intentField;
  if (intentField && best >= 0 && subjectScores[best] > 0 && !rows[best].lineIndices.includes(intentField.lineIndex)) {
    const wanted = intentField.kind === "total" ? "amount" : intentField.kind;
    field = keyFields.fields.find((f) => f.kind === wanted && rows[best].lineIndices.includes(f.lineIndex)) ?? intentField;
  }
  const top = ranking.passages[0];
  const text = field ? formatField(field) : top && top.score > 0 ? top.text : "";
  return { query, text, field, passages: ranking.passages, semantic: ranking.semantic, embedMs: ranking.embedMs };
}

function formatField(field: KeyField): string {
  if (field.amount !== undefined) return field.currency ? `${field.value} ${field.currency}` : field.value;
  return field.value;
}
