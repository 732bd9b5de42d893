import { describe, expect, it } from "vitest";
import { graphIssues, sortTopologically } from "./check-graph";
import { constantsToInitializers } from "./constants-to-initializers";
import { cloneModel, decodeModel, encodeModel } from "./model-file";
import { AttributeType, createAttribute, createNode, DataType, onnx } from "./onnx-proto";
import { removeUnused } from "./remove-unused";
import { float32Tensor, int64Tensor, tensorDims, tensorToFloat32, tensorToIntegers } from "./tensor-data";
import { buildSmallGraph, smallGraphInputs } from "./testing/build-small-graph";
import { runGraph } from "./testing/ort-helpers";

describe("tensor data", () => {
  it("reads float values from raw_data and from float_data alike, and integers from int64 raw data", () => {
    const raw = float32Tensor("a", [2, 2], [1.5, -2, 3.25, 0]);
    const typed = onnx.TensorProto.create({ name: "b", dims: [2, 2], dataType: DataType.FLOAT, floatData: [1.5, -2, 3.25, 0] });
    expect(Array.from(tensorToFloat32(raw))).toEqual([1.5, -2, 3.25, 0]);
    expect(Array.from(tensorToFloat32(typed))).toEqual([1.5, -2, 3.25, 0]);
    expect(tensorToIntegers(int64Tensor("c", [3], [-1, 0, 2 ** 40]))).toEqual([-1, 0, 2 ** 40]);
    // A decoded raw_data is a view at an arbitrary offset of the file buffer; reading must not care.
    const decoded = decodeModel(encodeModel(onnx.ModelProto.create({ graph: { initializer: [raw] } }) as never)).graph!.initializer[0];
    expect(tensorDims(decoded)).toEqual([2, 2]);
    expect(Array.from(tensorToFloat32(decoded))).toEqual([1.5, -2, 3.25, 0]);
  });

  it("refuses a tensor whose values do not fill its dims", () => {
    const bad = onnx.TensorProto.create({ name: "bad", dims: [3], dataType: DataType.FLOAT, floatData: [1, 2] });
    expect(() => tensorToFloat32(bad)).toThrow(/holds 2 values, dims say 3/);
  });
});

describe("graph checks", () => {
  it("accepts a valid graph and names what is wrong with a broken one", () => {
    const model = buildSmallGraph();
    expect(graphIssues(model.graph!)).toEqual([]);
    const broken = cloneModel(model);
    broken.graph!.node[2].input[0] = "nowhere";
    broken.graph!.node.push(createNode({ opType: "Relu", name: "relu1", input: ["x"], output: ["conv1_out"] }));
    broken.graph!.output.push(onnx.ValueInfoProto.create({ name: "missing" }));
    const issues = graphIssues(broken.graph!);
    expect(issues).toContain("Conv node conv2 reads nowhere, which nothing produced before it");
    expect(issues).toContain("Relu node relu1 writes conv1_out, which is already defined");
    expect(issues).toContain("node name relu1 is used twice");
    expect(issues).toContain("graph output missing is never produced");
  });

  it("sorts shuffled nodes back into an order ORT accepts", async () => {
    const model = buildSmallGraph();
    const expected = await runGraph(model, smallGraphInputs(1)[0].feeds);
    const shuffled = cloneModel(model);
    shuffled.graph!.node.reverse();
    expect(graphIssues(shuffled.graph!).length).toBeGreaterThan(0);
    sortTopologically(shuffled.graph!);
    expect(graphIssues(shuffled.graph!)).toEqual([]);
    expect(await runGraph(shuffled, smallGraphInputs(1)[0].feeds)).toEqual(expected);
  });

  it("turns Constant nodes into initializers and drops what nothing reads", async () => {
    const model = buildSmallGraph();
    const graph = model.graph!;
    // Move w1 into a Constant node, as Paddle exports do, and add a dead branch.
    const w1 = graph.initializer.find((t) => t.name === "w1")!;
    graph.initializer = graph.initializer.filter((t) => t !== w1);
    graph.node.unshift(
      createNode({ opType: "Constant", name: "", output: ["w1"], attribute: [createAttribute({ name: "value", type: AttributeType.TENSOR, t: w1 })] }),
    );
    graph.node.push(createNode({ opType: "Sigmoid", name: "dead", input: ["conv1_out"], output: ["unused"] }));
    graph.initializer.push(float32Tensor("orphan", [1], [1]));
    const input = smallGraphInputs(1)[0].feeds;
    const expected = await runGraph(model, input);
    expect(constantsToInitializers(graph)).toBe(1);
    removeUnused(graph);
    expect(graph.node.some((n) => n.opType === "Constant" || n.name === "dead")).toBe(false);
    expect(graph.initializer.map((t) => t.name)).not.toContain("orphan");
    expect(graph.initializer.map((t) => t.name)).toContain("w1");
    expect(await runGraph(model, input)).toEqual(expected);
  });
});
