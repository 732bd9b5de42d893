import * as ort from "onnxruntime-node";
import { createNode, DataType, onnx, type ModelProto } from "../onnx-proto";
import { float32Tensor } from "../tensor-data";
import { intAttribute, intsAttribute } from "../attributes";
import { seededRandom } from "../../seeded-random";

/**
 * Small graphs with seeded random weights, written with onnx-proto, for the toolkit's tests:
 * x[1,3,16,16] -> Conv(3->c1, 3x3) -> Relu -> Conv(c1->c2, 3x3, stride 2) -> [SiLU | Relu] ->
 * GlobalAveragePool -> Flatten -> Gemm(c2->10) -> y[1,10].
 */

/** Values with a roughly normal spread (sum of uniforms), scaled. */
export function randomValues(count: number, random: () => number, scale: number): Float32Array {
  return Float32Array.from({ length: count }, () => (random() + random() + random() - 1.5) * scale);
}

export interface SmallGraphOptions {
  c1?: number;
  c2?: number;
  activation?: "relu" | "silu";
  seed?: number;
  opset?: number;
}

const valueInfo = (name: string, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  });

export function buildSmallGraph(options: SmallGraphOptions = {}): ModelProto {
  const { c1 = 8, c2 = 32, activation = "relu", seed = 1, opset = 13 } = options;
  const random = seededRandom(seed);
  const conv = (name: string, input: string, output: string, weight: string, bias: string, stride = 1) =>
    createNode({
      opType: "Conv",
      name,
      input: [input, weight, bias],
      output: [output],
      attribute: [intsAttribute("kernel_shape", [3, 3]), intsAttribute("pads", [1, 1, 1, 1]), intsAttribute("strides", [stride, stride])],
    });
  const nodes = [
    conv("conv1", "x", "conv1_out", "w1", "b1"),
    createNode({ opType: "Relu", name: "relu1", input: ["conv1_out"], output: ["relu1_out"] }),
    conv("conv2", "relu1_out", "conv2_out", "w2", "b2", 2),
    ...(activation === "relu"
      ? [createNode({ opType: "Relu", name: "act2", input: ["conv2_out"], output: ["act2_out"] })]
      : [
          createNode({ opType: "Sigmoid", name: "sig2", input: ["conv2_out"], output: ["sig2_out"] }),
          createNode({ opType: "Mul", name: "act2", input: ["conv2_out", "sig2_out"], output: ["act2_out"] }),
        ]),
    createNode({ opType: "GlobalAveragePool", name: "pool", input: ["act2_out"], output: ["pool_out"] }),
    createNode({ opType: "Flatten", name: "flatten", input: ["pool_out"], output: ["flat"], attribute: [intAttribute("axis", 1)] }),
    createNode({ opType: "Gemm", name: "fc", input: ["flat", "w3", "b3"], output: ["y"], attribute: [intAttribute("transB", 1)] }),
  ];
  const graph = onnx.GraphProto.create({
    name: "small",
    node: nodes,
    input: [valueInfo("x", ["batch", 3, 16, 16])],
    output: [valueInfo("y", ["batch", 10])],
    initializer: [
      float32Tensor("w1", [c1, 3, 3, 3], randomValues(c1 * 27, random, 0.5)),
      float32Tensor("b1", [c1], randomValues(c1, random, 0.1)),
      float32Tensor("w2", [c2, c1, 3, 3], randomValues(c2 * c1 * 9, random, 0.3)),
      float32Tensor("b2", [c2], randomValues(c2, random, 0.1)),
      float32Tensor("w3", [10, c2], randomValues(10 * c2, random, 0.5)),
      float32Tensor("b3", [10], randomValues(10, random, 0.1)),
    ],
  });
  return onnx.ModelProto.create({ irVersion: 8, producerName: "insight-tests", opsetImport: [{ domain: "", version: opset }], graph }) as ModelProto;
}

/** Seeded input images for the small graph (values 0..1, like normalised pixels). */
export function smallGraphInputs(count: number, seed = 7): { source: string; feeds: Record<string, ort.Tensor> }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    source: `random-${i}`,
    feeds: {
      x: new ort.Tensor(
        "float32",
        Float32Array.from({ length: 3 * 16 * 16 }, () => random()),
        [1, 3, 16, 16],
      ),
    },
  }));
}

/**
 * The small graph with weights that make int8 pair sums overflow int16: conv2 sees large positive
 * activations (a ReLU after positive weights) and large same-sign weights, so with 8-bit weights
 * pairs of uint8 x int8 products reach 2 * 255 * 127 = 64770, far beyond 32767.
 */
export function buildSaturatingGraph(): ModelProto {
  const model = buildSmallGraph({ activation: "relu", c1: 8, c2: 16, seed: 3 });
  const random = seededRandom(5);
  const replace = (name: string, dims: number[], make: () => number) => {
    const graph = model.graph!;
    graph.initializer = graph.initializer.map((t) =>
      t.name === name ? float32Tensor(name, dims, Float32Array.from({ length: dims.reduce((p, d) => p * d, 1) }, make)) : t,
    );
  };
  replace("w1", [8, 3, 3, 3], () => 0.05 + random() * 0.3);
  replace("w2", [16, 8, 3, 3], () => 0.5 + random() * 0.5);
  return model;
}
