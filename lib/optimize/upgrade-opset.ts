import { getInt, getInts, intAttribute, removeAttribute } from "./attributes";
import { createNamer } from "./graph-index";
import { createNode, onnx, toNumber, type AttributeProto, type GraphProto, type ModelProto, type NodeProto } from "./onnx-proto";
import { float32Tensor, int64Tensor } from "./tensor-data";

/**
 * Raises the default-domain opset of a model to 13, the first with per-channel (axis)
 * QuantizeLinear/DequantizeLinear. Ops whose signature changed on the way (attributes that became
 * inputs, Softmax's axis semantics) are rewritten; ops known to keep their meaning are left alone;
 * anything else stops the upgrade with a clear message rather than risk a silently different graph.
 */

export const QDQ_OPSET = 13;

/** Ops whose meaning and signature are the same from opset 9 to 13 (only types were added). */
const UNCHANGED = new Set(
  (
    "Abs Add And ArgMax ArgMin AveragePool BatchNormalization Cast Ceil Concat Constant ConstantOfShape Conv " +
    "ConvTranspose Cos CumSum DepthToSpace Div Einsum Elu Equal Erf Exp Expand Flatten Floor Gather GatherElements " +
    "Gemm GlobalAveragePool GlobalMaxPool Greater HardSigmoid Identity InstanceNormalization LeakyRelu Less Log LRN " +
    "MatMul Max MaxPool Mean Min Mul Neg NonZero Not Or Pow PRelu Range Reciprocal ReduceL2 ReduceMax ReduceMean " +
    "ReduceMin ReduceProd Relu Reshape Resize Round Selu Shape Sigmoid Sign Sin Size Softplus SpaceToDepth Sqrt " +
    "Sub Sum Tanh Tile Transpose Where Xor DequantizeLinear QuantizeLinear HardSwish"
  ).split(" "),
);

/** Ops rewritten above when the model's opset is below the given version (and unchanged from it on). */
const CONVERTED_BEFORE: Record<string, number> = {
  Slice: 10,
  Clip: 11,
  Squeeze: 13,
  Unsqueeze: 13,
  ReduceSum: 13,
  Split: 13,
  Softmax: 13,
  LogSoftmax: 13,
  Dropout: 12,
};

/** The version of `domain` ("" = ai.onnx) the model imports, or undefined. */
export function opsetVersion(model: ModelProto, domain = ""): number | undefined {
  const entry = model.opsetImport.find((o) => (o.domain ?? "") === domain || (domain === "" && o.domain === "ai.onnx"));
  return entry ? toNumber(entry.version) : undefined;
}

export function setOpsetVersion(model: ModelProto, version: number, domain = ""): void {
  const entry = model.opsetImport.find((o) => (o.domain ?? "") === domain || (domain === "" && o.domain === "ai.onnx"));
  if (entry) entry.version = version;
  else model.opsetImport.push(onnx.OperatorSetIdProto.create({ domain, version }));
}

export function upgradeOpset(model: ModelProto, target = QDQ_OPSET): void {
  const from = opsetVersion(model) ?? 1;
  if (from >= target) return;
  // 13 -> 14 only added types and attributes with defaults that keep the old meaning (BatchNormalization
  // training_mode = 0, Reshape allowzero = 0) for the ops below, and introduced HardSwish.
  if (target !== QDQ_OPSET && target !== 14) throw new Error(`only upgrades to opset ${QDQ_OPSET} or 14 are supported`);
  if (from < 9) throw new Error(`opset ${from} is too old to upgrade (9 or newer is supported)`);
  const graph = model.graph!;
  const unique = createNamer(graph);
  const rewritten: NodeProto[] = [];
  for (const node of graph.node) {
    if (node.domain && node.domain !== "ai.onnx") {
      rewritten.push(node);
      continue;
    }
    rewritten.push(...upgradeNode(graph, node, from, unique, target));
  }
  graph.node = rewritten;
  setOpsetVersion(model, target);
  if (toNumber(model.irVersion) < 7) model.irVersion = 7;
}

function constantInput(graph: GraphProto, unique: (b: string) => string, base: string, values: number[]): string {
  const tensor = int64Tensor(unique(base), [values.length], values);
  graph.initializer.push(tensor);
  return tensor.name;
}

function upgradeNode(graph: GraphProto, node: NodeProto, from: number, unique: (b: string) => string, target: number): NodeProto[] {
  const op = node.opType;
  const base = node.name || node.output[0];
  if (op === "Slice" && from < 10) {
    const starts = getInts(node, "starts") ?? [];
    const ends = getInts(node, "ends") ?? [];
    const axes = getInts(node, "axes") ?? starts.map((_, i) => i);
    ["starts", "ends", "axes"].forEach((a) => removeAttribute(node, a));
    node.input = [
      node.input[0],
      constantInput(graph, unique, `${base}_starts`, starts),
      constantInput(graph, unique, `${base}_ends`, ends),
      constantInput(graph, unique, `${base}_axes`, axes),
    ];
    return [node];
  }
  if (op === "Clip" && from < 11) {
    const attr = (name: string) => node.attribute.find((a) => a.name === name);
    const bound = (name: string) => {
      const a = attr(name);
      if (!a) return "";
      const t = float32Tensor(unique(`${base}_${name}`), [], [a.f]);
      graph.initializer.push(t);
      return t.name;
    };
    const min = bound("min");
    const max = bound("max");
    removeAttribute(node, "min");
    removeAttribute(node, "max");
    node.input = [node.input[0], min, max];
    while (node.input.length > 1 && node.input[node.input.length - 1] === "") node.input.pop();
    return [node];
  }
  if ((op === "Squeeze" || op === "Unsqueeze" || op === "ReduceSum") && from < 13) {
    const axes = getInts(node, "axes");
    removeAttribute(node, "axes");
    if (axes) node.input = [node.input[0], constantInput(graph, unique, `${base}_axes`, axes)];
    return [node];
  }
  if (op === "Split" && from < 13) {
    const split = getInts(node, "split");
    removeAttribute(node, "split");
    if (split) node.input = [node.input[0], constantInput(graph, unique, `${base}_split`, split)];
    return [node];
  }
  if ((op === "Softmax" || op === "LogSoftmax") && from < 13) return upgradeSoftmax(node, unique);
  if (op === "Dropout" && from < 12) {
    // Inference-mode Dropout is the identity; only its first output may be used.
    if (node.output.length > 1 && node.output[1]) throw new Error(`cannot upgrade Dropout ${base}: its mask output is used`);
    removeAttribute(node, "ratio");
    return [node];
  }
  if (UNCHANGED.has(op) || (CONVERTED_BEFORE[op] !== undefined && from >= CONVERTED_BEFORE[op])) return [node];
  throw new Error(`cannot upgrade ${op} node ${base} from opset ${from} to ${target}: no conversion rule for ${op}`);
}

/**
 * Before opset 13 Softmax flattened its input to 2-D at `axis` and normalised over everything after
 * it; from 13 it normalises over one axis. Without known ranks the exact old meaning is kept by
 * writing it out: Flatten(axis) -> Softmax(-1) -> Reshape(Shape(x)).
 */
function upgradeSoftmax(node: NodeProto, unique: (b: string) => string): NodeProto[] {
  const axis = getInt(node, "axis", 1);
  const base = node.name || node.output[0];
  const [input] = node.input;
  const [output] = node.output;
  const shape = unique(`${base}_shape`);
  const flat = unique(`${base}_flat`);
  const normalised = unique(`${base}_2d`);
  const make = (opType: string, inputs: string[], outputs: string[], attribute: AttributeProto[] = []) =>
    createNode({ opType, name: unique(`${base}_${opType}`), input: inputs, output: outputs, attribute });
  return [
    make("Shape", [input], [shape]),
    make("Flatten", [input], [flat], [intAttribute("axis", axis)]),
    createNode({ opType: node.opType, name: node.name, input: [flat], output: [normalised], attribute: [intAttribute("axis", -1)] }),
    make("Reshape", [normalised, shape], [output]),
  ];
}
