import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { getModelStore } from "@/lib/models/get-model-store";
import { testKey } from "@/test/api-requests";
import { GET as metadataGET } from "@/app/v2/models/[name]/route";
import { POST as inferPOST } from "@/app/v2/models/[name]/infer/route";
import { GET as readyGET } from "@/app/v2/health/ready/route";
import { OipClient } from "@/lib/inference/oip/oip-client";
import { openRemoteSession } from "@/lib/inference/oip/remote-session";

/**
 * A remote session against this app's own /v2 handlers behind a real HTTP server (as another
 * instance would be), and against backends that misbehave: every failure must be a 503 problem.
 */

const MODEL = "ppocr-mobile-v2-cls";
type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

async function listen(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Node's request as a fetch Request, to the app's route handlers, and their Response back. */
const appBackend: Handler = async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = `http://127.0.0.1${request.url}`;
  const headers = new Headers(Object.entries(request.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
  const fetchRequest = new Request(url, { method: request.method, headers, body: request.method === "POST" ? Buffer.concat(chunks) : undefined });
  const name = decodeURIComponent(request.url!.split("/")[3] ?? "");
  const context = { params: Promise.resolve({ name }) };
  const answer =
    request.url === "/v2/health/ready"
      ? await readyGET(fetchRequest)
      : request.url!.endsWith("/infer")
        ? await inferPOST(fetchRequest, context)
        : await metadataGET(fetchRequest, context);
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
};

const entry = () => getModelStore().get(MODEL)!;
const feeds = () => ({
  x: new ort.Tensor(
    "float32",
    Float32Array.from({ length: 3 * 48 * 160 }, (_, i) => Math.cos(i * 0.11)),
    [1, 3, 48, 160],
  ),
});

async function thrown(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("remote sessions (INFERENCE_BACKEND_URL)", () => {
  let backend: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    backend = await listen(appBackend);
  });
  afterAll(() => backend.close());

  it("have the local session's names and metadata and give the same outputs, through binary tensor data", async () => {
    const remote = await openRemoteSession(new OipClient({ baseUrl: backend.url, token: testKey.key, timeoutMs: 10_000 }), entry());
    const local = await ort.InferenceSession.create((await getModelStore().filePath(MODEL, "model"))!);
    expect(remote.inputNames).toEqual(local.inputNames);
    expect(remote.outputNames).toEqual(local.outputNames);
    expect(remote.inputMetadata.map((m) => m.isTensor && m.type)).toEqual(["float32"]);
    const [want, got] = [await local.run(feeds()), await remote.run(feeds())];
    const name = local.outputNames[0];
    expect((got[name] as ort.Tensor).dims).toEqual(want[name].dims);
    expect(Array.from((got[name] as ort.Tensor).data as Float32Array)).toEqual(Array.from(want[name].data as Float32Array));
    await local.release();
    expect(await new OipClient({ baseUrl: backend.url, timeoutMs: 10_000 }).serverReady()).toMatchObject({ ok: expect.any(Boolean) });
  });

  it("answer 503 when the backend refuses the token, lacks the model or serves another version", async () => {
    const noToken = await openRemoteSession(new OipClient({ baseUrl: backend.url, timeoutMs: 10_000 }), entry());
    const refused = await thrown(noToken.run(feeds()));
    expect(refused.status).toBe(503);
    expect(refused.detail).toMatch(/answered .*infer with 401.*INFERENCE_BACKEND_TOKEN/);

    const client = new OipClient({ baseUrl: backend.url, token: testKey.key, timeoutMs: 10_000 });
    const missing = await thrown(openRemoteSession(client, { ...entry(), id: "not-there" }));
    expect(missing).toMatchObject({ status: 503, code: "model_unavailable" });
    expect(missing.detail).toMatch(/with 404: No ONNX model "not-there"/);
    const otherVersion = await thrown(openRemoteSession(client, { ...entry(), version: "99" }));
    expect(otherVersion.detail).toMatch(/this instance needs version 99/);
  });

  it("accept a Triton-style numbered version, but not a model lacking the tensors the manifest names", async () => {
    const classifier = getModelStore().get("mobilenetv2-int8")!;
    let inputName = "input";
    const triton = await listen((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const tensor = (name: string, shape: number[]) => ({ name, datatype: "FP32", shape });
      response.end(
        JSON.stringify({
          name: classifier.id,
          versions: ["1"],
          platform: "onnxruntime_onnx",
          inputs: [tensor(inputName, [-1, 3, 224, 224])],
          outputs: [tensor("output", [-1, 1000])],
        }),
      );
    });
    const client = new OipClient({ baseUrl: triton.url, timeoutMs: 2_000 });
    expect((await openRemoteSession(client, classifier)).inputNames).toEqual(["input"]);
    inputName = "data";
    const lacking = await thrown(openRemoteSession(client, classifier));
    expect(lacking).toMatchObject({ status: 503, code: "model_unavailable" });
    expect(lacking.detail).toMatch(/lacks the tensor\(s\) input /);
    await triton.close();
  });

  it("answer 503 when the backend is unreachable, too slow, failing or talking nonsense", async () => {
    const closed = await listen(() => {});
    await closed.close();
    const unreachable = await thrown(new OipClient({ baseUrl: closed.url, timeoutMs: 2_000 }).modelMetadata(MODEL));
    expect(unreachable).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(unreachable.detail).toMatch(/is not reachable/);
    expect((await new OipClient({ baseUrl: closed.url, timeoutMs: 2_000 }).serverReady()).ok).toBe(false);

    const slow = await listen((_request, response) => void setTimeout(() => response.end("{}"), 1_500));
    const timedOut = await thrown(new OipClient({ baseUrl: slow.url, timeoutMs: 200 }).modelMetadata(MODEL));
    expect(timedOut.detail).toMatch(/did not answer within 200 ms/);
    await slow.close();

    const failing = await listen((_request, response) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "CUDA out of memory" }));
    });
    const failed = await thrown(new OipClient({ baseUrl: failing.url, timeoutMs: 2_000 }).infer(MODEL, feeds(), ["y"]));
    expect(failed).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(failed.detail).toMatch(/with 500: CUDA out of memory/);
    await failing.close();

    const nonsense = await listen((_request, response) => {
      response.end(JSON.stringify({ outputs: [{ name: "y", shape: [2], datatype: "FP32", data: [1] }] }));
    });
    const malformed = await thrown(new OipClient({ baseUrl: nonsense.url, timeoutMs: 2_000 }).infer(MODEL, feeds(), ["y"]));
    expect(malformed).toMatchObject({ status: 503, code: "model_unavailable" });
    expect(malformed.detail).toMatch(/malformed inference response.*holds 2 elements but data has 1/);
    await nonsense.close();
  });
});
