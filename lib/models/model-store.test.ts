import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "./get-model-store";
import { manifestSchema, type Manifest, type ModelEntry } from "./manifest-schema";
import { ModelStore } from "./model-store";

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const payload = Buffer.from("pretend these are ONNX weights ".repeat(500));
const wrongPayload = Buffer.from("tampered weights, same length!! ".repeat(500)).subarray(0, payload.length);

function entry(overrides: Partial<ModelEntry["files"][number]> = {}): ModelEntry {
  return {
    id: "tiny-model",
    name: "Tiny",
    family: "tiny",
    task: "image-classification",
    variant: "full_precision",
    version: "1",
    runtime: "onnxruntime",
    license: "MIT",
    source: "test",
    description: "",
    files: [{ role: "model", name: "tiny.onnx", sha256: sha(payload), bytes: payload.length, ...overrides }],
  };
}

const manifestOf = (...models: ModelEntry[]): Manifest => ({ version: 1, models });

let server: Server;
let baseUrl: string;
let requests: string[] = [];
let work: string;

beforeAll(async () => {
  // A local HTTP server plays the upstream model host (no outside network here).
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/good.onnx") res.end(payload);
    else if (req.url === "/tampered.onnx") res.end(wrongPayload);
    else if (req.url === "/oversized.onnx") res.end(Buffer.concat([payload, payload]));
    else if (req.url === "/redirect.onnx") res.writeHead(302, { location: "/good.onnx" }).end();
    else res.writeHead(404).end("no such file");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  requests = [];
  if (work) rmSync(work, { recursive: true, force: true });
});

function store(manifest: Manifest, extra: Partial<ConstructorParameters<typeof ModelStore>[0]> = {}) {
  work = mkdtempSync(path.join(tmpdir(), "ie-models-"));
  return new ModelStore({
    manifest,
    cacheDir: path.join(work, "cache"),
    allowDownload: true,
    downloadTimeoutMs: 5_000,
    packageSearchFrom: [work],
    ...extra,
  });
}

describe("ModelStore", () => {
  it("downloads a missing file from its URL, verifies it, and reuses the cache afterwards", async () => {
    const models = store(manifestOf(entry({ url: `${baseUrl}/redirect.onnx` })));
    const first = await models.resolve("tiny-model");
    expect(first).toMatchObject({ available: true, files: [{ source: "download" }] });
    const file = first.available ? first.files[0].path : "";
    expect(sha(readFileSync(file))).toBe(sha(payload));
    expect(requests).toEqual(["/redirect.onnx", "/good.onnx"]);

    // A new process (a new store) finds the verified file in the cache without the network.
    const again = new ModelStore({
      manifest: manifestOf(entry({ url: `${baseUrl}/redirect.onnx` })),
      cacheDir: path.join(work, "cache"),
      allowDownload: false,
      downloadTimeoutMs: 5_000,
      packageSearchFrom: [work],
    });
    expect(await again.resolve("tiny-model")).toMatchObject({ available: true, files: [{ source: "cache" }] });
  });

  it("rejects a download whose checksum does not match and leaves nothing in the cache", async () => {
    const models = store(manifestOf(entry({ url: `${baseUrl}/tampered.onnx` })));
    const result = await models.resolve("tiny-model");
    expect(result.available).toBe(false);
    expect(result.available ? "" : result.reason).toMatch(/checksum mismatch/);
    const cacheDir = path.join(work, "cache", "tiny-model");
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it("stops an oversized download and reports HTTP errors", async () => {
    const oversized = await store(manifestOf(entry({ url: `${baseUrl}/oversized.onnx` }))).resolve("tiny-model");
    expect(oversized.available ? "" : oversized.reason).toMatch(/more than the expected/);
    const missing = await store(manifestOf(entry({ url: `${baseUrl}/gone.onnx` }))).resolve("tiny-model");
    expect(missing.available ? "" : missing.reason).toMatch(/HTTP 404/);
  });

  it("reports an unreachable host as unavailable instead of throwing", async () => {
    const result = await store(manifestOf(entry({ url: "http://127.0.0.1:9/nothing.onnx" }))).resolve("tiny-model");
    expect(result.available).toBe(false);
    expect(result.available ? "" : result.reason).toMatch(/could not reach/);
  });

  it("prefers the mirror folder and refuses a mirror copy with the wrong checksum", async () => {
    const mirror = mkdtempSync(path.join(tmpdir(), "ie-mirror-"));
    try {
      writeFileSync(path.join(mirror, "tiny.onnx"), payload);
      const fromMirror = await store(manifestOf(entry({ url: `${baseUrl}/good.onnx` })), { mirrorDir: mirror }).resolve("tiny-model");
      expect(fromMirror).toMatchObject({ available: true, files: [{ source: "mirror", path: path.join(mirror, "tiny.onnx") }] });
      expect(requests).toEqual([]);

      writeFileSync(path.join(mirror, "tiny.onnx"), wrongPayload);
      const fallback = await store(manifestOf(entry({ url: `${baseUrl}/good.onnx` })), { mirrorDir: mirror }).resolve("tiny-model");
      expect(fallback).toMatchObject({ available: true, files: [{ source: "download" }] });
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  });

  it("finds a file shipped in an npm package before anything else", async () => {
    const models = store(manifestOf(entry({ npm: { package: "@acme/tiny-models", path: "assets/tiny.onnx" }, url: `${baseUrl}/good.onnx` })));
    const pkg = path.join(work, "node_modules", "@acme", "tiny-models");
    mkdirSync(path.join(pkg, "assets"), { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), "{}");
    writeFileSync(path.join(pkg, "assets", "tiny.onnx"), payload);
    expect(await models.resolve("tiny-model")).toMatchObject({ available: true, files: [{ source: "npm" }] });
    expect(requests).toEqual([]);
  });

  it("explains every source it tried when a model cannot be had", async () => {
    const models = store(manifestOf(entry({ npm: { package: "@acme/absent", path: "x.onnx" } })), { allowDownload: false });
    const result = await models.resolve("tiny-model");
    expect(result.available).toBe(false);
    const reason = result.available ? "" : result.reason;
    expect(reason).toContain("tiny.onnx");
    expect(reason).toContain("npm package @acme/absent is not installed");
    expect(reason).toContain("MODEL_MIRROR_DIR");
    expect(reason).toContain("no upstream URL");
    expect(await models.resolve("no-such-model")).toEqual({ available: false, reason: 'unknown model id "no-such-model"' });
  });
});

describe("models/manifest.json", () => {
  it("is valid, pins a checksum for every file and says where each file can come from", () => {
    const manifest = loadManifest();
    expect(manifest.models.length).toBeGreaterThanOrEqual(5);
    for (const model of manifest.models) {
      for (const file of model.files) expect(file.npm ?? file.url, `${model.id}/${file.name}`).toBeDefined();
    }
  });

  it("rejects duplicate ids and unknown parents", () => {
    const model = entry();
    expect(manifestSchema.safeParse({ version: 1, models: [model, model] }).success).toBe(false);
    expect(manifestSchema.safeParse({ version: 1, models: [{ ...model, parent: "ghost" }] }).success).toBe(false);
  });
});
