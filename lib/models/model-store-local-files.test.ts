import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelEntry } from "./manifest-schema";
import { ModelStore } from "./model-store";

/** Run-time model files registered by absolute path (optimised variants live outside the mirror and cache). */

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

function setUp() {
  work = mkdtempSync(path.join(tmpdir(), "ie-local-files-"));
  const store = new ModelStore({
    manifest: { version: 1, models: [] },
    cacheDir: path.join(work, "cache"),
    allowDownload: false,
    downloadTimeoutMs: 1000,
    packageSearchFrom: [work],
  });
  const bytes = Buffer.from("variant weights ".repeat(64));
  const file = path.join(work, "variants", "tiny-int8.onnx");
  const entry: ModelEntry = {
    id: "tiny-int8",
    name: "Tiny int8",
    family: "tiny",
    task: "image-classification",
    variant: "quantized",
    version: "1",
    runtime: "onnxruntime",
    license: "MIT",
    source: "test",
    description: "",
    parent: "tiny",
    files: [{ role: "model", name: "tiny-int8.onnx", sha256: sha(bytes), bytes: bytes.length }],
  };
  return { store, bytes, file, entry };
}

describe("ModelStore.register with local files", () => {
  it("resolves a registered variant from its absolute path, checked by sha256", async () => {
    const { store, bytes, file, entry } = setUp();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    store.register(entry, { localFiles: { "tiny-int8.onnx": file } });
    expect(store.get("tiny-int8")?.variant).toBe("quantized");
    expect(await store.resolve("tiny-int8")).toEqual({
      available: true,
      files: [{ role: "model", name: "tiny-int8.onnx", path: file, source: "local", bytes: bytes.length }],
    });
  });

  it("reports a tampered or missing local file as unavailable, and re-registering re-checks it", async () => {
    const { store, bytes, file, entry } = setUp();
    store.register(entry, { localFiles: { "tiny-int8.onnx": file } });
    const missing = await store.resolve("tiny-int8");
    expect(missing.available).toBe(false);
    expect(!missing.available && missing.reason).toMatch(/tiny-int8\.onnx: not found \(local <path>: missing/);

    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from("something else entirely"));
    store.register(entry, { localFiles: { "tiny-int8.onnx": file } });
    const tampered = await store.resolve("tiny-int8");
    expect(!tampered.available && tampered.reason).toMatch(/checksum mismatch/);

    // Fixed (or produced again) under the same path: checked afresh, a failed check is not cached.
    writeFileSync(file, bytes);
    store.register(entry, { localFiles: { "tiny-int8.onnx": file } });
    expect((await store.resolve("tiny-int8")).available).toBe(true);
  });

  it("without localFiles behaves as before (mirror, cache, download)", async () => {
    const { store, entry } = setUp();
    store.register(entry);
    const result = await store.resolve("tiny-int8");
    expect(!result.available && result.reason).toMatch(/downloads are disabled|no upstream URL/);
  });
});
