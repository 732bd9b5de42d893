/**
 * Key fields and passages are found in rows (OCR lines side by side, e.g. "ZU ZAHLEN EURO" and
 * "8,83"), and must point back to the line each value came from.
 */

export interface DocumentLine {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
  row: number;
}

export interface DocumentRow {
  /** Index of the row in reading order. */
  index: number;
  /** The row's lines joined by single spaces. */
  text: string;
  /** Indices (into the OCR lines) of the row's lines, left to right. */
  lineIndices: number[];
  /** Character offset in `text` where each line starts. */
  lineStarts: number[];
}

export function buildRows(lines: DocumentLine[]): DocumentRow[] {
  const byRow = new Map<number, number[]>();
  lines.forEach((line, i) => byRow.set(line.row, [...(byRow.get(line.row) ?? []), i]));
  return [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, lineIndices], index) => {
      const lineStarts: number[] = [];
      let text = "";
      for (const i of lineIndices) {
        if (text) text += " ";
        lineStarts.push(text.length);
        text += lines[i].text;
      }
      return { index, text, lineIndices, lineStarts };
    });
}

/** The line of a row that holds character `offset` of the row text. */
export function lineAt(row: DocumentRow, offset: number): number {
  let found = row.lineIndices[0];
  row.lineStarts.forEach((start, i) => {
    if (offset >= start) found = row.lineIndices[i];
  });
  return found;
}

/** Lowercase, without accents, for keyword matching ("Rückgeld" -> "ruckgeld"). */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
