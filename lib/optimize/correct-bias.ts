import { getInt } from "./attributes";
import { attachBias, type GraphIndex } from "./graph-index";
import { createNode, type GraphProto, type NodeProto } from "./onnx-proto";
import { float32Tensor, setFloat32, tensorDims, tensorToFloat32 } from "./tensor-data";

/**
 * Bias correction after removing weights: if a layer loses weights dW whose inputs average m, its
 * outputs shift on average by dW * m; adding that back to the bias keeps each output's mean where
 * the parent had it (Nagel et al., "Data-Free Quantization", 2019, use the same idea for
 * quantization error). Zero padding at image borders makes it approximate there.
 */

/** Per-output-channel shift dW * mean for a Conv, MatMul or Gemm weight difference (removed part). */
export function outputShift(node: NodeProto, removed: Float32Array, dims: number[], inputMean: Float64Array): Float64Array {
  if (node.opType === "Conv") {
    const [outChannels, perGroupIn] = dims;
    const kernel = dims.slice(2).reduce((p, d) => p * d, 1);
    const groups = getInt(node, "group", 1);
    const outPerGroup = outChannels / groups;
    const shift = new Float64Array(outChannels);
    for (let o = 0; o < outChannels; o++) {
      const firstIn = Math.floor(o / outPerGroup) * perGroupIn;
      for (let c = 0; c < perGroupIn; c++) {
        let sum = 0;
        const base = (o * perGroupIn + c) * kernel;
        for (let k = 0; k < kernel; k++) sum += removed[base + k];
        shift[o] += sum * inputMean[firstIn + c];
      }
    }
    return shift;
  }
  // MatMul [K, N] or Gemm with transB ([N, K]).
  const transposed = node.opType === "Gemm" && getInt(node, "transB", 0) === 1;
  const [rows, cols] = dims;
  const outputs = transposed ? rows : cols;
  const shift = new Float64Array(outputs);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [k, n] = transposed ? [c, r] : [r, c];
      shift[n] += removed[r * cols + c] * inputMean[k];
    }
  }
  return shift;
}

/** Adds `shift` to a node's bias, creating one (Conv/Gemm input 2, or an Add after a MatMul). */
export function addToBias(graph: GraphProto, index: GraphIndex, node: NodeProto, shift: Float64Array, unique: (b: string) => string): void {
  const values = Float32Array.from(shift);
  if (node.opType === "MatMul") {
    const bias = float32Tensor(unique(`${node.name}_bias_correction`), [values.length], values);
    graph.initializer.push(bias);
    const raw = unique(`${node.output[0]}_uncorrected`);
    const add = createNode({ opType: "Add", name: unique(`${node.name}_bias_add`), input: [raw, bias.name], output: [node.output[0]] });
    node.output[0] = raw;
    graph.node.splice(graph.node.indexOf(node) + 1, 0, add);
    return;
  }
  const existing = node.input[2] ? index.initializers.get(node.input[2]) : undefined;
  if (existing && tensorDims(existing).length === 1 && (index.consumers.get(existing.name)?.length ?? 0) <= 1) {
    const current = tensorToFloat32(existing);
    setFloat32(
      existing,
      current.map((v, i) => v + values[i]),
    );
  } else if (!node.input[2]) attachBias(graph, index, node, unique(`${node.name}_bias`), values);
  // A shared or broadcast bias is left as it is: correcting it would change another layer.
}
