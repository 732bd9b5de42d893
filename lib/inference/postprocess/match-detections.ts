import { intersectionOverUnion, type ScoredBox } from "./non-max-suppression";

/** Greedy one-to-one matching of boxes by class and IoU >= minIou (best overlap first); returns the match count. */
export function matchDetections(reference: ScoredBox[], candidate: ScoredBox[], minIou = 0.5): number {
  const used = new Set<number>();
  let matched = 0;
  for (const r of reference) {
    let bestIndex = -1;
    let bestIou = minIou;
    candidate.forEach((c, i) => {
      if (used.has(i) || c.classIndex !== r.classIndex) return;
      const overlap = intersectionOverUnion(r, c);
      if (overlap >= bestIou) {
        bestIou = overlap;
        bestIndex = i;
      }
    });
    if (bestIndex >= 0) {
      used.add(bestIndex);
      matched++;
    }
  }
  return matched;
}

/** F1 of a candidate set of detections against a reference set (both empty: full agreement). */
export function detectionF1(reference: ScoredBox[], candidate: ScoredBox[], minIou = 0.5): number {
  if (reference.length === 0 && candidate.length === 0) return 1;
  const matched = matchDetections(reference, candidate, minIou);
  return (2 * matched) / (reference.length + candidate.length);
}
