import type { GraphProto } from "./onnx-proto";

/**
 * Drops nodes whose outputs nobody reads (walking back from the graph outputs) and initializers no
 * node reads, and value_info of tensors that no longer exist. Transforms that replace weights leave
 * the old fp32 tensors behind; this is what makes the file actually shrink.
 */
export function removeUnused(graph: GraphProto): void {
  // A worklist from the outputs back, so it works whatever order the nodes are in.
  const producer = new Map<string, number>();
  graph.node.forEach((node, i) => node.output.forEach((o) => o && producer.set(o, i)));
  const needed = new Set(graph.output.map((o) => o.name));
  const keep = new Array<boolean>(graph.node.length).fill(false);
  const work = [...needed];
  while (work.length) {
    const i = producer.get(work.pop()!);
    if (i === undefined || keep[i]) continue;
    keep[i] = true;
    for (const input of graph.node[i].input) {
      if (input && !needed.has(input)) {
        needed.add(input);
        work.push(input);
      }
    }
  }
  graph.node = graph.node.filter((_, i) => keep[i]);
  graph.initializer = graph.initializer.filter((t) => needed.has(t.name));
  const produced = new Set<string>([...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name)]);
  for (const node of graph.node) for (const o of node.output) produced.add(o);
  graph.valueInfo = graph.valueInfo.filter((v) => produced.has(v.name));
}
