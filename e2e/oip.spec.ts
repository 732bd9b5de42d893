import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { evalDataDir, evalPhoto } from "./eval-data";
import { getJson, startServer, waitUntilReady, type ServerProcess } from "./server-process";
import { classifierTensor } from "./classifier-tensor";
import { monitoringHeaders } from "./monitoring-token";

// The Open Inference Protocol v2 both ways, as two production servers: A serves /v2 from its own
// ONNX Runtime sessions; B has INFERENCE_BACKEND_URL pointing at A (with a key of A), so every model
// B's pipelines run goes to A's /v2 infer. B's native answers must equal A's.

const CLASSIFIER = "mobilenetv2-int8";
const mirrorDir = process.env.MODEL_MIRROR_DIR ? path.resolve(process.env.MODEL_MIRROR_DIR) : path.resolve("..", "shared", "models");
const classifierFile = path.join(mirrorDir, "mobilenetv2-12-int8.onnx");
const photo = "coral_pets.jpg";
const pageLines = ["INVOICE No. 2024-0193", "Nordlicht Webdesign, Uppsala", "Invoice date 12.03.2024", "Total due 3,080.00 EUR"];

const quiet = { MODEL_LAB_RECIPES: "none", BENCHMARK_ON_START: "0", DATABASE_URL: "" };
const dirs: string[] = [];
let a: ServerProcess;
let b: ServerProcess;
let keyA: string;
let keyB: string;

async function keyOn(server: ServerProcess, name: string): Promise<string> {
  const jar = await signUpAndSignIn(server.baseUrl, `${name}@example.test`, "a long enough passphrase");
  return (await createKey(server.baseUrl, jar, ["analyze"])).key;
}

async function renderedPage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${80 + pageLines.length * 60}"><rect width="100%" height="100%" fill="white"/>${pageLines
    .map((text, i) => `<text x="40" y="${70 + i * 60}" font-family="DejaVu Sans" font-size="30" fill="black">${text}</text>`)
    .join("")}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function post(server: ServerProcess, route: string, key: string, body: FormData | string, contentType?: string): Promise<Response> {
  return fetch(server.baseUrl + route, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, ...(contentType ? { "content-type": contentType } : {}) },
    body,
  });
}

async function expectOipProblem(response: Response, status: number, detail: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as { status: number; detail: string; error: string };
  expect(problem.status).toBe(status);
  expect(problem.error).toBe(problem.detail);
  expect(problem.detail).toMatch(detail);
}

test.describe
  .serial("Open Inference Protocol v2", () => {
    test.setTimeout(180_000);

    test.beforeAll(async () => {
      test.setTimeout(240_000);
      dirs.push(mkdtempSync(path.join(tmpdir(), "ie-oip-a-")), mkdtempSync(path.join(tmpdir(), "ie-oip-b-")));
      a = startServer({ ...quiet, DATA_DIR: dirs[0] }, 3301);
      await waitUntilReady(a, 120_000);
      keyA = await keyOn(a, "backend-a");
      b = startServer({ ...quiet, DATA_DIR: dirs[1], INFERENCE_BACKEND_URL: a.baseUrl, INFERENCE_BACKEND_TOKEN: keyA }, 3302);
      await waitUntilReady(b, 120_000);
      keyB = await keyOn(b, "frontend-b");
    });

    test.afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    test("health, server and model metadata, readiness; B reports its remote backend ready", async () => {
      for (const server of [a, b]) {
        // Like /api: no guest session and no redirect from proxy.ts.
        const live = await fetch(`${server.baseUrl}/v2/health/live`, { redirect: "manual" });
        expect(live.status).toBe(200);
        expect(live.headers.get("set-cookie")).toBeNull();
        expect(await live.json()).toEqual({ live: true });
        expect((await fetch(`${server.baseUrl}/v2/health/ready`)).status).toBe(200);
        expect(await getJson(`${server.baseUrl}/v2`)).toMatchObject({
          name: "insight-engine",
          version: expect.any(String),
          extensions: ["binary_tensor_data"],
        });
        const metadata = await getJson(`${server.baseUrl}/v2/models/ppocr-v4-det`);
        expect(metadata).toMatchObject({
          name: "ppocr-v4-det",
          platform: "onnxruntime_onnx",
          inputs: [{ name: "x", datatype: "FP32", shape: [-1, 3, -1, -1] }],
        });
        const version = (metadata.versions as string[])[0];
        expect(await getJson(`${server.baseUrl}/v2/models/ppocr-v4-det/versions/${version}`)).toEqual(metadata);
        expect((await fetch(`${server.baseUrl}/v2/models/ppocr-v4-det/ready`)).status).toBe(200);
        expect((await fetch(`${server.baseUrl}/v2/models/ppocr-v4-det/versions/${version}/ready`)).status).toBe(200);
      }
      // B serves A's description of the model (it never loaded the file).
      expect(await getJson(`${b.baseUrl}/v2/models/ppocr-v4-rec`)).toEqual(await getJson(`${a.baseUrl}/v2/models/ppocr-v4-rec`));
      expect((await getJson(`${b.baseUrl}/api/ready`, monitoringHeaders)).inference).toEqual({ kind: "remote", url: a.baseUrl, ok: true });
      expect((await getJson(`${a.baseUrl}/api/ready`, monitoringHeaders)).inference).toEqual({ kind: "in-process", ok: true });
    });

    test("bad requests are 4xx problem+json carrying the protocol's error", async () => {
      const infer = (model: string, body: unknown, key = keyA) => post(a, `/v2/models/${model}/infer`, key, JSON.stringify(body), "application/json");
      const input = { name: "x", shape: [1, 3, 48, 192], datatype: "FP32", data: new Array(3 * 48 * 192).fill(0.5) };
      await expectOipProblem(await fetch(`${a.baseUrl}/v2/models/no-such-model`), 404, /No ONNX model "no-such-model"/);
      await expectOipProblem(await infer("no-such-model", { inputs: [input] }), 404, /No ONNX model/);
      await expectOipProblem(await infer("ppocr-mobile-v2-cls", { inputs: [{ ...input, datatype: "FP64" }] }), 400, /must be FP32, not FP64/);
      await expectOipProblem(await infer("ppocr-mobile-v2-cls", { inputs: [{ ...input, name: "image" }] }), 400, /Unknown input "image"/);
      await expectOipProblem(
        await infer("ppocr-mobile-v2-cls", { inputs: [{ ...input, shape: [1, 3, 48, 100] }] }),
        400,
        /holds 14400 elements but data has 27648/,
      );
      await expectOipProblem(await infer("ppocr-mobile-v2-cls", { inputs: [{ ...input, datatype: "BYTES", data: ["x"] }] }), 400, /not BYTES/);
      await expectOipProblem(
        await post(a, "/v2/models/ppocr-mobile-v2-cls/infer", "ie_not-a-key", JSON.stringify({ inputs: [input] }), "application/json"),
        401,
        /key/i,
      );
      await expectOipProblem(await fetch(`${a.baseUrl}/v2/repository/index`), 404, /No Open Inference Protocol route/);
      // B checks against A's metadata before sending anything.
      const onB = await post(
        b,
        "/v2/models/ppocr-mobile-v2-cls/infer",
        keyB,
        JSON.stringify({ inputs: [{ ...input, datatype: "INT32", data: input.data.map(() => 1) }] }),
        "application/json",
      );
      await expectOipProblem(onB, 400, /must be FP32, not INT32/);
    });

    test("the image classifier over /v2 gives what ONNX Runtime gives here, and the native endpoint's top label", async () => {
      test.skip(!existsSync(classifierFile), `${classifierFile} is absent (the model mirror)`);
      test.skip(!evalDataDir, "evaluation photos (../shared/eval) are absent");
      const bytes = readFileSync(evalPhoto(photo));
      const tensor = await classifierTensor(bytes);
      const response = await post(
        a,
        `/v2/models/${CLASSIFIER}/infer`,
        keyA,
        JSON.stringify({ inputs: [{ name: "input", shape: [1, 3, 224, 224], datatype: "FP32", data: Array.from(tensor) }] }),
        "application/json",
      );
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { model_name: string; outputs: { name: string; shape: number[]; datatype: string; data: number[] }[] };
      expect(answer.model_name).toBe(CLASSIFIER);
      expect(answer.outputs[0]).toMatchObject({ name: "output", shape: [1, 1000], datatype: "FP32" });

      // The server's int8 remedy (models.int8.x64quantprecision) is set the same way here.
      const { int8 } = (await getJson(`${a.baseUrl}/api/v1/models`)) as unknown as { int8: { x64quantprecision: boolean } };
      const session = await ort.InferenceSession.create(classifierFile, int8.x64quantprecision ? { extra: { session: { x64quantprecision: "1" } } } : {});
      const local = (await session.run({ input: new ort.Tensor("float32", tensor, [1, 3, 224, 224]) })).output.data as Float32Array;
      await session.release();
      const served = answer.outputs[0].data;
      let worst = 0;
      for (let i = 0; i < local.length; i++) worst = Math.max(worst, Math.abs(served[i] - local[i]));
      expect(worst).toBeLessThan(1e-4);

      const form = new FormData();
      form.set("image", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), photo);
      form.set("text", "two pets on a sofa");
      const native = (await (await post(a, "/api/v1/analyze/image-text", keyA, form)).json()) as { labels: { top: { class_index: number }[] } };
      expect(served.indexOf(Math.max(...served))).toBe(native.labels.top[0].class_index);
    });

    test("B's native image and document answers, computed by A over /v2, equal A's own", async () => {
      test.skip(!evalDataDir, "evaluation photos (../shared/eval) are absent");
      type ImageAnswer = {
        labels: { top: { label: string; probability: number }[] };
        objects: { items: { label: string; score: number; box: Record<string, number> }[] };
        text_in_image: { full_text?: string };
      };
      const analyzeImage = async (server: ServerProcess, key: string) => {
        const form = new FormData();
        form.set("image", new Blob([new Uint8Array(readFileSync(evalPhoto(photo)))], { type: "image/jpeg" }), photo);
        form.set("text", "two pets on a sofa");
        const response = await post(server, "/api/v1/analyze/image-text", key, form);
        expect(response.status).toBe(200);
        return (await response.json()) as ImageAnswer;
      };
      const [fromA, fromB] = [await analyzeImage(a, keyA), await analyzeImage(b, keyB)];
      expect(fromB.labels.top.map((l) => l.label)).toEqual(fromA.labels.top.map((l) => l.label));
      fromB.labels.top.forEach((l, i) => expect(l.probability).toBeCloseTo(fromA.labels.top[i].probability, 5));
      expect(fromA.objects.items.length).toBeGreaterThan(0);
      expect(fromB.objects.items.map((o) => o.label)).toEqual(fromA.objects.items.map((o) => o.label));
      fromB.objects.items.forEach((o, i) => expect(o.box.x).toBeCloseTo(fromA.objects.items[i].box.x, 2));
      expect(fromB.text_in_image.full_text).toBe(fromA.text_in_image.full_text);

      const page = `data:image/png;base64,${(await renderedPage()).toString("base64")}`;
      const analyzeDocument = async (server: ServerProcess, key: string) => {
        const response = await post(server, "/api/v1/analyze/document", key, JSON.stringify({ document_image: page }), "application/json");
        expect(response.status).toBe(200);
        return (await response.json()) as { full_text: string; lines: { text: string }[] };
      };
      const [docA, docB] = [await analyzeDocument(a, keyA), await analyzeDocument(b, keyB)];
      expect(docA.full_text).toContain("3,080.00");
      expect(docB.full_text).toBe(docA.full_text);
      expect(docB.lines.map((l) => l.text)).toEqual(docA.lines.map((l) => l.text));
    });

    test("B answers 503 problem+json, not 500, once its backend is gone, and is no longer ready", async () => {
      await a.stop();
      const response = await post(
        b,
        "/api/v1/analyze/document",
        keyB,
        JSON.stringify({ document_image: `data:image/png;base64,${(await renderedPage()).toString("base64")}` }),
        "application/json",
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { detail: string }).detail).toMatch(/inference backend is not reachable/);
      expect((await fetch(`${b.baseUrl}/v2/health/ready`)).status).toBe(503);
      expect((await fetch(`${b.baseUrl}/api/ready`)).status).toBe(503);
    });
  });
