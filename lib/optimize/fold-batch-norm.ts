import { getFloat, getInt } from "./attributes";
import { attachBias, indexGraph } from "./graph-index";
import type { GraphProto } from "./onnx-proto";
import { setFloat32, tensorDims, tensorToFloat32 } from "./tensor-data";

/**
 * Folds an inference-mode BatchNormalization into the Conv (or ConvTranspose) that feeds it:
 * w' = w * gamma / sqrt(var + eps) per output channel, b' = (b - mean) * gamma / sqrt(var + eps) + beta.
 * ORT does this at load time too, but a QDQ pair must sit directly on the Conv output for ORT to
 * fuse an int8 kernel, and channel pruning must see one weight tensor per channel, so it is done
 * in the file. Only Convs whose output feeds this one BN and whose weights are initializers qualify.
 */
export function foldBatchNorm(graph: GraphProto): number {
  const index = indexGraph(graph);
  const removed = new Set<unknown>();
  for (const bn of graph.node) {
    if (bn.opType !== "BatchNormalization" || bn.output.length !== 1) continue;
    const conv = index.producer.get(bn.input[0]);
    if (!conv || (conv.opType !== "Conv" && conv.opType !== "ConvTranspose") || index.consumers.get(bn.input[0])?.length !== 1) continue;
    // ConvTranspose weights are [C_in, C_out / group, ...]: output channels are axis 1 (one group only).
    const transposed = conv.opType === "ConvTranspose";
    if (transposed && getInt(conv, "group", 1) !== 1) continue;
    if (index.graphOutputs.has(bn.input[0])) continue;
    const [scaleName, biasName, meanName, varName] = bn.input.slice(1);
    const params = [scaleName, biasName, meanName, varName].map((n) => index.initializers.get(n));
    const weight = index.initializers.get(conv.input[1]);
    if (!weight || params.some((p) => !p)) continue;
    if (index.consumers.get(conv.input[1])!.length !== 1) continue; // shared weights: folding would change the other user
    const [gamma, beta, mean, variance] = params.map((p) => tensorToFloat32(p!));
    const epsilon = getFloat(bn, "epsilon", 1e-5);
    const dims = tensorDims(weight);
    const outChannels = transposed ? dims[1] : dims[0];
    const inner = dims.slice(2).reduce((p, d) => p * d, 1);
    const w = tensorToFloat32(weight).slice();
    // Index of output channel c's k-th weight, for either layout.
    const outer = transposed ? dims[0] : 1;
    const perChannel = transposed ? inner : w.length / outChannels;
    const oldBias = conv.input[2] ? index.initializers.get(conv.input[2]) : undefined;
    if (conv.input[2] && !oldBias) continue;
    const b = oldBias ? tensorToFloat32(oldBias).slice() : new Float32Array(outChannels);
    for (let c = 0; c < outChannels; c++) {
      const factor = gamma[c] / Math.sqrt(variance[c] + epsilon);
      for (let o = 0; o < outer; o++) {
        const base = transposed ? (o * outChannels + c) * inner : c * perChannel;
        for (let k = 0; k < perChannel; k++) w[base + k] *= factor;
      }
      b[c] = (b[c] - mean[c]) * factor + beta[c];
    }
    setFloat32(weight, w, dims);
    if (oldBias && index.consumers.get(conv.input[2])!.length === 1) setFloat32(oldBias, b);
    else attachBias(graph, index, conv, `${conv.output[0]}_folded_bias`, b);
    conv.output[0] = bn.output[0];
    removed.add(bn);
  }
  graph.node = graph.node.filter((n) => !removed.has(n));
  return removed.size;
}
