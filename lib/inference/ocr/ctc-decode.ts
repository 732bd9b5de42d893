/**
 * Greedy CTC decoding as PaddleOCR's CTCLabelDecode: per time step take the most likely class,
 * collapse repeats, drop the blank. Class 0 is the blank, class i (i >= 1) is symbol i - 1 of the
 * dictionary, and PaddleOCR appends a space as the last symbol (use_space_char), so a dictionary of
 * 6623 lines gives 6625 classes.
 */

export interface DecodedLine {
  text: string;
  /** Mean probability of the kept characters (0 when nothing was read). */
  confidence: number;
}

export function ctcDecode(
  probabilities: Float32Array,
  steps: number,
  classes: number,
  symbols: readonly string[],
  item = 0,
  /** Decode only the first this many steps of the item (a line padded to a wider batch). */
  usedSteps = steps,
): DecodedLine {
  let text = "";
  let confidenceSum = 0;
  let kept = 0;
  let previous = -1;
  const base = item * steps * classes;
  for (let t = 0; t < Math.min(usedSteps, steps); t++) {
    const row = base + t * classes;
    let best = 0;
    let bestProbability = probabilities[row];
    for (let c = 1; c < classes; c++) {
      if (probabilities[row + c] > bestProbability) {
        bestProbability = probabilities[row + c];
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += symbols[best - 1] ?? "";
      confidenceSum += bestProbability;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept === 0 ? 0 : confidenceSum / kept };
}
