import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { floatAttribute, intAttribute, intsAttribute } from "./attributes";
import { cloneModel } from "./model-file";
import { createNode, DataType, onnx, type ModelProto } from "./onnx-proto";
import { seededRandom } from "../seeded-random";
import { runGraph } from "./testing/ort-helpers";
import { opsetVersion, upgradeOpset } from "./upgrade-opset";

const valueInfo = (name: string, dims: number[]) =>
  onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });

/** An opset-9 graph using the ops whose signature changed by 13: Slice, Clip, Squeeze (attributes) and Softmax (2-D coercion). */
function opset9Graph(): ModelProto {
  const graph = onnx.GraphProto.create({
    name: "old",
    node: [
      createNode({
        opType: "Slice",
        name: "slice",
        input: ["x"],
        output: ["s"],
        attribute: [intsAttribute("starts", [1, 0]), intsAttribute("ends", [3, 4]), intsAttribute("axes", [1, 2])],
      }),
      createNode({ opType: "Clip", name: "clip", input: ["s"], output: ["c"], attribute: [floatAttribute("min", -0.5), floatAttribute("max", 0.8)] }),
      createNode({ opType: "Unsqueeze", name: "unsqueeze", input: ["c"], output: ["u"], attribute: [intsAttribute("axes", [0])] }),
      createNode({ opType: "Squeeze", name: "squeeze", input: ["u"], output: ["q"], attribute: [intsAttribute("axes", [0])] }),
      // Softmax over axis 1 of a 3-D tensor: opset 9 normalises over axes 1 and 2 together.
      createNode({ opType: "Softmax", name: "softmax", input: ["q"], output: ["y"], attribute: [intAttribute("axis", 1)] }),
    ],
    input: [valueInfo("x", [2, 4, 5])],
    output: [valueInfo("y", [2, 2, 4])],
  });
  return onnx.ModelProto.create({ irVersion: 4, opsetImport: [{ domain: "", version: 9 }], graph }) as ModelProto;
}

describe("upgradeOpset", () => {
  it("rewrites attribute-style ops and keeps Softmax's old meaning, with identical outputs in ORT", async () => {
    const parent = opset9Graph();
    const upgraded = cloneModel(parent);
    upgradeOpset(upgraded, 13);
    expect(opsetVersion(upgraded)).toBe(13);
    const ops = upgraded.graph!.node.map((n) => n.opType);
    expect(ops).toEqual(["Slice", "Clip", "Unsqueeze", "Squeeze", "Shape", "Flatten", "Softmax", "Reshape"]);
    expect(upgraded.graph!.node[0].attribute).toEqual([]);
    const random = seededRandom(3);
    const x = new ort.Tensor(
      "float32",
      Float32Array.from({ length: 40 }, () => random() * 4 - 2),
      [2, 4, 5],
    );
    const expected = await runGraph(parent, { x });
    const actual = await runGraph(upgraded, { x });
    expect(actual.length).toBe(16);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it("refuses ops it has no rule for instead of guessing", () => {
    const model = opset9Graph();
    model.graph!.node.push(createNode({ opType: "Upsample", name: "old_upsample", input: ["y"], output: ["z"] }));
    expect(() => upgradeOpset(model, 13)).toThrow(/cannot upgrade Upsample node old_upsample from opset 9 to 13/);
  });
});
