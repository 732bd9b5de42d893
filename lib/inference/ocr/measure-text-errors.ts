/**
 * OCR accuracy against a ground-truth transcription. Both texts are normalised the same way before
 * comparing: Unicode NFC, every run of whitespace (including line breaks) one space, trimmed. Case
 * and punctuation are kept, so "Fox" for "fox" or "," for "„" count as errors.
 */

export function normaliseForScoring(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Edit distance (insertions, deletions, substitutions) between two sequences of anything comparable with ===. */
export function editDistance<T>(x: readonly T[], y: readonly T[]): number {
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] === y[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[y.length];
}

/** Levenshtein distance over Unicode code points. */
export function levenshtein(a: string, b: string): number {
  return editDistance([...a], [...b]);
}

/** Character error rate: edit distance / reference length, after normalisation (case kept). */
export function characterErrorRate(hypothesis: string, reference: string): number {
  const ref = normaliseForScoring(reference);
  const hyp = normaliseForScoring(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return levenshtein(hyp, ref) / [...ref].length;
}

/**
 * Share of the reference's non-empty lines that the OCR output has as a line of its own, exactly
 * (after normalising whitespace); each output line can match one reference line.
 */
export function lineAccuracy(hypothesis: string, reference: string): { correct: number; total: number; accuracy: number } {
  const refLines = reference.split("\n").map(normaliseForScoring).filter(Boolean);
  const pool = hypothesis.split("\n").map(normaliseForScoring).filter(Boolean);
  let correct = 0;
  for (const line of refLines) {
    const at = pool.indexOf(line);
    if (at >= 0) {
      correct++;
      pool.splice(at, 1);
    }
  }
  return { correct, total: refLines.length, accuracy: refLines.length === 0 ? 1 : correct / refLines.length };
}
