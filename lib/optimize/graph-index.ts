import type { GraphProto, NodeProto, TensorProto } from "./onnx-proto";
import { float32Tensor } from "./tensor-data";

/**
 * Lookup tables over a graph: who produces a tensor, who consumes it, which tensors are
 * initializers. Build it again after a transform changes the graph (it is a snapshot, not live).
 */

export interface GraphIndex {
  producer: Map<string, NodeProto>;
  consumers: Map<string, NodeProto[]>;
  initializers: Map<string, TensorProto>;
  graphInputs: Set<string>;
  graphOutputs: Set<string>;
}

export function indexGraph(graph: GraphProto): GraphIndex {
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node) {
    for (const output of node.output) if (output) producer.set(output, node);
    for (const input of node.input) {
      if (!input) continue;
      const list = consumers.get(input);
      if (list) {
        if (!list.includes(node)) list.push(node);
      } else consumers.set(input, [node]);
    }
  }
  return {
    producer,
    consumers,
    initializers: new Map(graph.initializer.map((t) => [t.name, t])),
    graphInputs: new Set(graph.input.map((v) => v.name)),
    graphOutputs: new Set(graph.output.map((v) => v.name)),
  };
}

/**
 * Gives a Conv, ConvTranspose or Gemm that has none a new fp32 bias (its input 2), added to the graph
 * and to the index with the node as its only consumer, so later steps of the same pass see it.
 */
export function attachBias(graph: GraphProto, index: GraphIndex, node: NodeProto, name: string, values: Float32Array): TensorProto {
  const bias = float32Tensor(name, [values.length], values);
  graph.initializer.push(bias);
  index.initializers.set(bias.name, bias);
  index.consumers.set(bias.name, [node]);
  while (node.input.length < 3) node.input.push("");
  node.input[2] = bias.name;
  return bias;
}

/** Every name in use (tensors and nodes), so inserted names never collide. */
export function createNamer(graph: GraphProto): (base: string) => string {
  const used = new Set<string>();
  for (const node of graph.node) {
    if (node.name) used.add(node.name);
    for (const name of [...node.input, ...node.output]) if (name) used.add(name);
  }
  for (const t of graph.initializer) used.add(t.name);
  for (const v of [...graph.input, ...graph.output, ...graph.valueInfo]) used.add(v.name);
  return (base: string) => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

/** Gives every unnamed node a unique name (PaddlePaddle exports leave Constant nodes unnamed). */
export function nameAllNodes(graph: GraphProto): void {
  const unique = createNamer(graph);
  for (const node of graph.node) if (!node.name) node.name = unique(`${node.opType}_${node.output[0] ?? "node"}`);
}
