import { getTensor } from "./attributes";
import type { GraphProto } from "./onnx-proto";

/**
 * Turns `Constant` nodes holding a tensor into initializers of the same name. PaddlePaddle exports
 * (PP-OCR) store every weight as a Constant node; the quantizer and pruner look for weights among
 * the initializers, so this runs first. Constants with other value kinds (value_float...) stay.
 */
export function constantsToInitializers(graph: GraphProto): number {
  const existing = new Set(graph.initializer.map((t) => t.name));
  let moved = 0;
  graph.node = graph.node.filter((node) => {
    if (node.opType !== "Constant" || node.domain) return true;
    const value = getTensor(node, "value");
    const output = node.output[0];
    if (!value || !output || existing.has(output)) return true;
    value.name = output;
    graph.initializer.push(value);
    existing.add(output);
    moved++;
    return false;
  });
  return moved;
}
