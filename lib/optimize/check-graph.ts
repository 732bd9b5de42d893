import { hasSubgraph } from "./attributes";
import type { GraphProto, NodeProto } from "./onnx-proto";

/**
 * Structural checks a transformed graph must pass before it is written: tensor names are produced
 * once, every node input exists before the node runs (topological order), node names are unique and
 * every graph output is produced. ORT loading the file is the final check; these give a clear
 * message naming the tensor instead of ORT's.
 */

export function graphIssues(graph: GraphProto): string[] {
  const issues: string[] = [];
  const available = new Set<string>([...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name)]);
  const initializerNames = new Set<string>();
  for (const t of graph.initializer) {
    if (initializerNames.has(t.name)) issues.push(`initializer ${t.name} is defined twice`);
    initializerNames.add(t.name);
  }
  const nodeNames = new Set<string>();
  for (const node of graph.node) {
    if (node.name) {
      if (nodeNames.has(node.name)) issues.push(`node name ${node.name} is used twice`);
      nodeNames.add(node.name);
    }
    // Nodes with subgraphs may read outer-scope names; this check does not follow them.
    if (!hasSubgraph(node)) {
      for (const input of node.input) {
        if (input && !available.has(input)) issues.push(`${describeNode(node)} reads ${input}, which nothing produced before it`);
      }
    }
    for (const output of node.output) {
      if (!output) continue;
      if (available.has(output)) issues.push(`${describeNode(node)} writes ${output}, which is already defined`);
      available.add(output);
    }
  }
  for (const output of graph.output) if (!available.has(output.name)) issues.push(`graph output ${output.name} is never produced`);
  return issues;
}

export function assertValidGraph(graph: GraphProto, context = "graph"): void {
  const issues = graphIssues(graph);
  if (issues.length) throw new Error(`${context} is not valid: ${issues.slice(0, 5).join("; ")}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ""}`);
}

function describeNode(node: NodeProto): string {
  return `${node.opType} node ${node.name || "(unnamed)"}`;
}

/**
 * Orders nodes so each runs after the producers of its inputs (Kahn's algorithm, stable: nodes keep
 * their original relative order where dependencies allow). Transforms may append nodes anywhere.
 */
export function sortTopologically(graph: GraphProto): void {
  const producerIndex = new Map<string, number>();
  graph.node.forEach((node, i) => node.output.forEach((o) => o && producerIndex.set(o, i)));
  const dependents: number[][] = graph.node.map(() => []);
  const pending = graph.node.map((node, i) => {
    const deps = new Set<number>();
    for (const input of node.input) {
      const p = input ? producerIndex.get(input) : undefined;
      if (p !== undefined && p !== i) deps.add(p);
    }
    for (const d of deps) dependents[d].push(i);
    return deps.size;
  });
  const ready: number[] = [];
  pending.forEach((count, i) => count === 0 && ready.push(i));
  const order: number[] = [];
  while (ready.length) {
    // Smallest index first keeps the original order stable.
    ready.sort((a, b) => a - b);
    const next = ready.shift()!;
    order.push(next);
    for (const d of dependents[next]) if (--pending[d] === 0) ready.push(d);
  }
  if (order.length !== graph.node.length) throw new Error("graph has a cycle; cannot order its nodes");
  graph.node = order.map((i) => graph.node[i]);
}
