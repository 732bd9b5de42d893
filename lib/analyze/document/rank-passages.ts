import "server-only";
import { cosineSimilarity } from "ai";
import { embedTexts } from "../../inference/embed/embed-texts";
import { foldText, type DocumentRow } from "./document-rows";
import { round } from "../../stats";

/**
 * Ranks the rows of a page by how well they answer a query: BM25 over the rows (exact words,
 * numbers, names) combined half and half with the cosine similarity of sentence embeddings
 * (USE-lite through the AI SDK: paraphrases, "how much" for "Summe"). Each part is scaled to 0..1
 * before combining. Without the embedding model the ranking is lexical only, and says so.
 */

export interface RankedPassage {
  rowIndex: number;
  text: string;
  lineIndices: number[];
  score: number;
  lexicalScore: number;
  /** null when the embedding model was not available. */
  semanticScore: number | null;
}

export interface PassageRanking {
  passages: RankedPassage[];
  semantic: { available: true } | { available: false; reason: string };
  embedMs: number;
}

// Question words and articles in English and German carry no evidence about which row answers.
const stopwords = new Set(
  (
    "a an and are as at be by did do does for from how in is it of on or the this to was what when where which who why with " +
    "der die das den dem des ein eine einer und oder ist sind war wie was wer wo wann welche welcher im am auf fur mit von zu"
  ).split(" "),
);

/** Lower-case, accent-free word and number tokens, stopwords dropped. */
export function tokenize(text: string): string[] {
  return (foldText(text).match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? []).filter((t) => !stopwords.has(t) && (t.length > 1 || /\d/.test(t)));
}

/**
 * Okapi BM25 (k1 1.2, b 0.75) of each document for the query. German writes compounds as one word
 * ("Atemschutzmaske"), so a query word of four or more letters inside a longer word (or the other
 * way round) counts as half a match.
 */
export function bm25Scores(query: string[], documents: string[][], k1 = 1.2, b = 0.75): number[] {
  const count = documents.length;
  if (count === 0) return [];
  const meanLength = documents.reduce((s, d) => s + d.length, 0) / count || 1;
  const frequency = (term: string, doc: string[]) =>
    doc.reduce(
      (sum, token) => sum + (token === term ? 1 : term.length >= 4 && token.length >= 4 && (token.includes(term) || term.includes(token)) ? 0.5 : 0),
      0,
    );
  const terms = [...new Set(query)];
  const documentFrequency = new Map(terms.map((term) => [term, documents.filter((doc) => frequency(term, doc) > 0).length]));
  return documents.map((doc) => {
    let score = 0;
    for (const term of terms) {
      const f = frequency(term, doc);
      if (f === 0) continue;
      const df = documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * doc.length) / meanLength));
    }
    return score;
  });
}

export async function rankPassages(query: string, rows: DocumentRow[], { limit = 5 }: { limit?: number } = {}): Promise<PassageRanking> {
  const lexical = bm25Scores(
    tokenize(query),
    rows.map((r) => tokenize(r.text)),
  );
  const maxLexical = Math.max(0, ...lexical);
  let semantic: number[] | null = null;
  let status: PassageRanking["semantic"] = { available: true };
  let embedMs = 0;
  try {
    const { vectors, embedMs: took } = await embedTexts([query, ...rows.map((r) => r.text)]);
    semantic = vectors.slice(1).map((v) => Math.max(0, cosineSimilarity(vectors[0], v)));
    embedMs = took;
  } catch (error) {
    status = {
      available: false,
      reason: `Sentence embeddings are not available (${error instanceof Error ? error.message : String(error)}); passages are ranked by words alone.`,
    };
  }
  const passages = rows.map((row, i) => {
    const lexicalScore = maxLexical > 0 ? lexical[i] / maxLexical : 0;
    const semanticScore = semantic ? semantic[i] : null;
    const score = semanticScore === null ? lexicalScore : 0.5 * lexicalScore + 0.5 * semanticScore;
    return {
      rowIndex: row.index,
      text: row.text,
      lineIndices: row.lineIndices,
      score: round(score, 4),
      lexicalScore: round(lexicalScore, 4),
      semanticScore: semanticScore === null ? null : round(semanticScore, 4),
    };
  });
  passages.sort((a, b) => b.score - a.score || a.rowIndex - b.rowIndex);
  return { passages: passages.slice(0, limit), semantic: status, embedMs };
}
