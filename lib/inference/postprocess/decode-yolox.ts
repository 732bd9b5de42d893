import type { ScoredBox } from "./non-max-suppression";

/**
 * Decodes YOLOX's raw grid output [1, anchors, 5 + classes]: each row is (x, y, log w, log h,
 * objectness, class probabilities) on the grids of the given strides, in model-input pixels.
 */
export function decodeYolox(
  output: Float32Array,
  options: { inputWidth: number; inputHeight: number; strides: number[]; numClasses: number; scoreThreshold: number },
): ScoredBox[] {
  const rowLength = 5 + options.numClasses;
  const boxes: ScoredBox[] = [];
  let row = 0;
  for (const stride of options.strides) {
    const gridWidth = Math.floor(options.inputWidth / stride);
    const gridHeight = Math.floor(options.inputHeight / stride);
    for (let gy = 0; gy < gridHeight; gy++) {
      for (let gx = 0; gx < gridWidth; gx++, row++) {
        const base = row * rowLength;
        if (base + rowLength > output.length) throw new Error(`YOLOX output has fewer rows than its grids need (row ${row})`);
        const objectness = output[base + 4];
        if (objectness < options.scoreThreshold) continue;
        let bestClass = 0;
        let bestProbability = 0;
        for (let c = 0; c < options.numClasses; c++) {
          const p = output[base + 5 + c];
          if (p > bestProbability) {
            bestProbability = p;
            bestClass = c;
          }
        }
        const score = objectness * bestProbability;
        if (score < options.scoreThreshold) continue;
        const cx = (output[base] + gx) * stride;
        const cy = (output[base + 1] + gy) * stride;
        const w = Math.exp(output[base + 2]) * stride;
        const h = Math.exp(output[base + 3]) * stride;
        boxes.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classIndex: bestClass });
      }
    }
  }
  return boxes;
}
