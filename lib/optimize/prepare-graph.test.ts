import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { floatAttribute, intAttribute, intsAttribute } from "./attributes";
import { cloneModel } from "./model-file";
import { createNode, DataType, onnx, type ModelProto } from "./onnx-proto";
import { prepareGraph } from "./prepare-graph";
import { float32Tensor } from "./tensor-data";
import { seededRandom } from "../seeded-random";
import { randomValues } from "./testing/build-small-graph";
import { maxAbs, maxAbsDifference, runGraph } from "./testing/ort-helpers";

const valueInfo = (name: string, dims: number[]) =>
  onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });

/**
 * A PP-LCNet-like block: Conv -> BatchNorm -> Mul(a) -> Add(b) -> hard-swish written out as
 * x * clip(x + 3, 0, 6) / 6 -> Mul(c) -> Add(d) -> depthwise 3x3 Conv (padded) -> Mul(e) -> Add(f)
 * -> HardSigmoid-gated swish -> 1x1 Conv.
 */
function lcnetBlock(): ModelProto {
  const random = seededRandom(5);
  const C = 8;
  const conv = (name: string, input: string, output: string, kernel: number, group = 1) =>
    createNode({
      opType: "Conv",
      name,
      input: [input, `${name}_w`, `${name}_b`],
      output: [output],
      attribute: [intsAttribute("kernel_shape", [kernel, kernel]), intsAttribute("pads", Array(4).fill((kernel - 1) / 2)), intAttribute("group", group)],
    });
  const scalar = (name: string, v: number) => float32Tensor(name, [], [v]);
  const graph = onnx.GraphProto.create({
    name: "lcnet",
    node: [
      conv("c1", "x", "t1", 3),
      createNode({
        opType: "BatchNormalization",
        name: "bn",
        input: ["t1", "g", "beta", "mean", "var"],
        output: ["t2"],
        attribute: [floatAttribute("epsilon", 1e-5)],
      }),
      createNode({ opType: "Mul", name: "a1", input: ["a", "t2"], output: ["t3"] }),
      createNode({ opType: "Add", name: "b1", input: ["t3", "b"], output: ["t4"] }),
      createNode({ opType: "Add", name: "hs_add", input: ["t4", "three"], output: ["t5"] }),
      createNode({ opType: "Clip", name: "hs_clip", input: ["t5", "zero", "six"], output: ["t6"] }),
      createNode({ opType: "Mul", name: "hs_mul", input: ["t4", "t6"], output: ["t7"] }),
      createNode({ opType: "Div", name: "hs_div", input: ["t7", "six"], output: ["t8"] }),
      createNode({ opType: "Mul", name: "a2", input: ["c", "t8"], output: ["t9"] }),
      createNode({ opType: "Add", name: "b2", input: ["t9", "d"], output: ["t10"] }),
      conv("dw", "t10", "t11", 3, C),
      createNode({ opType: "Mul", name: "a3", input: ["t11", "e"], output: ["t12"] }),
      createNode({ opType: "Add", name: "b3", input: ["t12", "f"], output: ["t13"] }),
      createNode({
        opType: "HardSigmoid",
        name: "hsig",
        input: ["t13"],
        output: ["t14"],
        attribute: [floatAttribute("alpha", 1 / 6), floatAttribute("beta", 0.5)],
      }),
      createNode({ opType: "Mul", name: "gate", input: ["t13", "t14"], output: ["t15"] }),
      createNode({ opType: "Mul", name: "a4", input: ["t15", "g4"], output: ["t16"] }),
      conv("pw", "t16", "y", 1),
    ],
    input: [valueInfo("x", [1, 3, 12, 12])],
    output: [valueInfo("y", [1, C, 12, 12])],
    initializer: [
      float32Tensor("c1_w", [C, 3, 3, 3], randomValues(C * 27, random, 0.6)),
      float32Tensor("c1_b", [C], randomValues(C, random, 0.2)),
      float32Tensor(
        "g",
        [C],
        Float32Array.from({ length: C }, () => 0.5 + random()),
      ),
      float32Tensor("beta", [C], randomValues(C, random, 0.3)),
      float32Tensor("mean", [C], randomValues(C, random, 0.3)),
      float32Tensor(
        "var",
        [C],
        Float32Array.from({ length: C }, () => 0.5 + random()),
      ),
      scalar("a", 1.3),
      float32Tensor("b", [1, C, 1, 1], randomValues(C, random, 0.5)),
      scalar("three", 3),
      scalar("zero", 0),
      scalar("six", 6),
      scalar("c", 0.8),
      scalar("d", -0.2),
      float32Tensor("dw_w", [C, 1, 3, 3], randomValues(C * 9, random, 0.8)),
      float32Tensor("dw_b", [C], randomValues(C, random, 0.2)),
      scalar("e", 1.1),
      scalar("f", 0.1),
      float32Tensor(
        "g4",
        [C, 1, 1],
        Float32Array.from({ length: C }, () => 0.5 + random()),
      ),
      float32Tensor("pw_w", [C, C, 1, 1], randomValues(C * C, random, 0.6)),
      float32Tensor("pw_b", [C], randomValues(C, random, 0.2)),
    ],
  });
  return onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: 13 }], graph }) as ModelProto;
}

describe("prepareGraph", () => {
  it("folds BatchNorm and constant scale/shift into Convs and fuses hard-swish, computing the same function", async () => {
    const parent = lcnetBlock();
    const prepared = cloneModel(parent);
    const report = prepareGraph(prepared);
    expect(report).toMatchObject({ batchNormsFolded: 1, hardSwishFused: 2 });
    const ops = prepared.graph!.node.map((n) => n.opType);
    // Left: the shift before the padded depthwise Conv (folding it would be wrong at the borders).
    expect(ops).toEqual(["Conv", "HardSwish", "Add", "Conv", "HardSwish", "Conv"]);
    const random = seededRandom(8);
    for (let i = 0; i < 3; i++) {
      const x = new ort.Tensor(
        "float32",
        Float32Array.from({ length: 3 * 144 }, () => random() * 4 - 2),
        [1, 3, 12, 12],
      );
      const expected = await runGraph(parent, { x });
      expect(maxAbsDifference(expected, await runGraph(prepared, { x })) / maxAbs(expected)).toBeLessThan(1e-5);
    }
  });
});
