export interface ScoredBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classIndex: number;
}

export function intersectionOverUnion(a: Omit<ScoredBox, "score" | "classIndex">, b: Omit<ScoredBox, "score" | "classIndex">): number {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const intersection = ix * iy;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - intersection;
  return union <= 0 ? 0 : intersection / union;
}

/** Greedy per-class NMS: keeps the best box and drops same-class boxes overlapping it above the threshold. */
export function nonMaxSuppression(boxes: ScoredBox[], iouThreshold: number, maxDetections: number): ScoredBox[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: ScoredBox[] = [];
  for (const box of sorted) {
    if (kept.length >= maxDetections) break;
    if (kept.every((k) => k.classIndex !== box.classIndex || intersectionOverUnion(k, box) <= iouThreshold)) kept.push(box);
  }
  return kept;
}
