import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../errors";
import { joinInferBody, splitInferBody, takeBinaryTensors } from "./binary-data";
import { fromHalfBits, toHalfBits } from "./datatypes";
import { flattenData, tensorFromJson, tensorToJson, type OipTensorJson } from "./tensor-json";

const cases: { datatype: string; ortType: string; data: unknown[] }[] = [
  { datatype: "FP32", ortType: "float32", data: [0, -1.5, 3.25, 2 ** -20, 65504, -0.125] },
  { datatype: "FP64", ortType: "float64", data: [0.1, -2.000000000000001, 1e300, -1e-300, 5, 6] },
  { datatype: "FP16", ortType: "float16", data: [0, -1.5, 0.333251953125, 65504, 6.103515625e-5, -2] },
  { datatype: "INT64", ortType: "int64", data: [0, -1, 2 ** 40, -(2 ** 53) + 1, 7, 9007199254740991] },
  { datatype: "INT32", ortType: "int32", data: [0, -1, 2_147_483_647, -2_147_483_648, 42, 7] },
  { datatype: "INT8", ortType: "int8", data: [0, -128, 127, -1, 1, 5] },
  { datatype: "UINT8", ortType: "uint8", data: [0, 255, 128, 1, 2, 3] },
  { datatype: "BOOL", ortType: "bool", data: [true, false, false, true, true, false] },
];

const rejects = (fn: () => unknown, fragment: string) => {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  expect((thrown as ApiError).status).toBe(400);
  expect((thrown as ApiError).detail).toContain(fragment);
};

describe("protocol tensors <-> ort.Tensor", () => {
  it.each(cases)("round-trips $datatype as JSON and as binary data", ({ datatype, ortType, data }) => {
    const json: OipTensorJson = { name: "x", shape: [2, 3], datatype, data };
    const tensor = tensorFromJson(json);
    expect(tensor.type).toBe(ortType);
    expect(tensor.dims).toEqual([2, 3]);
    expect(tensorToJson("x", tensor).json).toEqual(json);

    const { json: header, bytes } = tensorToJson("x", tensor, { binary: true });
    expect(header.data).toBeUndefined();
    expect(header.parameters?.binary_data_size).toBe(bytes!.byteLength);
    // An odd offset in the body: the copy must not depend on alignment.
    const body = new Uint8Array(bytes!.byteLength + 1);
    body.set(bytes!, 1);
    const back = tensorFromJson(header, { binary: body.subarray(1) });
    expect(tensorToJson("x", back).json).toEqual(json);
  });

  it("reads nested data like flat data, and checks every level against the shape", () => {
    const flat = tensorFromJson({ name: "x", shape: [2, 2, 2], datatype: "FP32", data: [1, 2, 3, 4, 5, 6, 7, 8] });
    const nested = tensorFromJson({
      name: "x",
      shape: [2, 2, 2],
      datatype: "FP32",
      data: [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    });
    expect(Array.from(nested.data as Float32Array)).toEqual(Array.from(flat.data as Float32Array));
    rejects(() => flattenData([[1, 2], [3]], [2, 2], "x"), "data[1] has 1 entries where the shape [2, 2] needs 2");
    rejects(
      () =>
        flattenData(
          [
            [[1], [2]],
            [[3], [4]],
          ],
          [2, 2],
          "x",
        ),
      "nested deeper than the shape",
    );
    rejects(() => flattenData([[1, 2], 3], [2, 2], "x"), "data[1] has a single value");
  });

  it("refuses data whose length does not match the shape", () => {
    rejects(() => tensorFromJson({ name: "x", shape: [1, 3], datatype: "FP32", data: [1, 2] }), "holds 3 elements but data has 2");
    rejects(() => tensorFromJson({ name: "x", shape: [4], datatype: "INT32", data: [1, 2, 3, 4, 5] }), "holds 4 elements but data has 5");
    rejects(() => tensorFromJson({ name: "x", shape: [2, 2], datatype: "FP32" }, { binary: new Uint8Array(12) }), "need 16 bytes of binary data, got 12");
  });

  it("refuses BYTES, unknown datatypes, bad shapes, values of the wrong kind and too many elements", () => {
    rejects(() => tensorFromJson({ name: "text", shape: [1], datatype: "BYTES", data: ["hello"] }), "BYTES (string) tensors are not supported");
    rejects(() => tensorFromJson({ name: "x", shape: [1], datatype: "FLOAT", data: [1] }), "unknown datatype");
    rejects(() => tensorFromJson({ name: "x", shape: [-1, 2], datatype: "FP32", data: [1, 2] }), "whole numbers >= 0");
    rejects(() => tensorFromJson({ name: "x", shape: [2], datatype: "FP32", data: [1, "2"] }), 'element 1 is "2"');
    rejects(() => tensorFromJson({ name: "x", shape: [2], datatype: "INT8", data: [1, 300] }), "-128..127");
    rejects(() => tensorFromJson({ name: "x", shape: [1], datatype: "INT32", data: [1.5] }), "whole number");
    rejects(() => tensorFromJson({ name: "x", shape: [1], datatype: "INT64", data: [2 ** 60] }), "whole number");
    rejects(() => tensorFromJson({ name: "x", shape: [1], datatype: "BOOL", data: [1] }), "true or false");
    rejects(() => tensorFromJson({ name: "x", shape: [1000, 1000], datatype: "FP32", data: [] }, { maxElements: 1000 }), "more than the 1000 allowed");
    rejects(() => tensorFromJson({ name: "x", shape: [1], datatype: "FP32" }), "data is missing");
  });

  it("rounds FP16 to nearest even, with subnormals and overflow as numpy does", () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(65520)).toBe(0x7c00); // rounds up to infinity
    expect(toHalfBits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toHalfBits(2 ** -26)).toBe(0x0000);
    expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00); // a tie goes to the even mantissa
    expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(fromHalfBits(0x3555)).toBeCloseTo(0.333251953125, 12);
    for (let bits = 0; bits < 0x7c00; bits += 37) expect(toHalfBits(fromHalfBits(bits))).toBe(bits);
  });

  it("frames several tensors in one binary body and refuses bytes no tensor claims", () => {
    const a = tensorToJson("a", new ort.Tensor("float32", new Float32Array([1, 2]), [2]), { binary: true });
    const b = tensorToJson("b", new ort.Tensor("int64", new BigInt64Array([3n]), [1]), { binary: true });
    const { body, headerLength } = joinInferBody({ inputs: [a.json, b.json] }, [a.bytes!, b.bytes!]);
    const { header, binary } = splitInferBody(body, String(headerLength));
    const inputs = (header as { inputs: OipTensorJson[] }).inputs;
    const slices = takeBinaryTensors(inputs, binary);
    expect(Array.from(tensorFromJson(inputs[1], { binary: slices.get("b") }).data as BigInt64Array)).toEqual([3n]);
    rejects(() => takeBinaryTensors(inputs, new Uint8Array(binary.byteLength + 4)), "4 binary bytes that no tensor");
    rejects(() => takeBinaryTensors(inputs, binary.subarray(0, 10)), "reaches past the end");
    rejects(() => splitInferBody(body, "999999"), "Inference-Header-Content-Length");
  });
});
