import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { upsertModelVariant } from "@/lib/db/queries/model-variants";
import { DomainError } from "@/lib/domain-errors";
import { type ApiError, apiErrorFromDomain } from "@/lib/errors";
import type { ModelEntry } from "@/lib/models/manifest-schema";
import { ModelStore } from "@/lib/models/model-store";
import { encodeModel } from "./model-file";
import { produceVariant } from "./produce-variant";
import { registerStoredVariants, registerVariant } from "./register-variants";
import { buildSmallGraph, smallGraphInputs } from "./testing/build-small-graph";

let work: string;
let store: ModelStore;
let db: DatabaseHandle;
const inputs = { calibration: smallGraphInputs(16, 1), validation: smallGraphInputs(8, 3), test: smallGraphInputs(8, 2) };

function entry(id: string, file: string, bytes: Uint8Array, runtime: ModelEntry["runtime"] = "onnxruntime"): ModelEntry {
  return {
    id,
    name: id,
    family: id,
    task: "image-classification",
    variant: "full_precision",
    version: "1",
    runtime,
    license: "MIT",
    source: "built in the test",
    description: "",
    files: [{ role: "model", name: file, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength }],
  };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "ie-produce-"));
  const mirror = path.join(work, "mirror");
  mkdirSync(mirror);
  const bytes = encodeModel(buildSmallGraph({ c1: 16, c2: 64, activation: "silu" }));
  writeFileSync(path.join(mirror, "small.onnx"), bytes);
  store = new ModelStore({
    manifest: { version: 1, models: [entry("small", "small.onnx", bytes), entry("small-tfjs", "small.onnx", bytes, "tfjs")] },
    mirrorDir: mirror,
    cacheDir: path.join(work, "cache"),
    allowDownload: false,
    downloadTimeoutMs: 1000,
    packageSearchFrom: [work],
  });
  db = await openDatabase({ pgliteDir: path.join(work, "pglite") });
});
afterAll(async () => {
  await db?.close();
  rmSync(work, { recursive: true, force: true });
});

const recipe = (overrides: Record<string, unknown> = {}) => ({
  id: "small-int8",
  parent: "small",
  steps: [{ kind: "static-int8", strategy: "all", opTypes: ["Conv", "Gemm"] }],
  minAgreement: 0.75,
  ...overrides,
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return apiErrorFromDomain(error);
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("produceVariant", () => {
  it("writes the variant, checks it against its parent on held-out inputs, and registers it in the model store", async () => {
    const outputDir = path.join(work, "variants");
    const produced = await produceVariant({ recipe: recipe(), inputs, store, outputDir });
    expect(produced).toMatchObject({ id: "small-int8", parentId: "small", family: "small", variant: "quantized", fileName: "small-int8.onnx" });
    const bytes = readFileSync(path.join(outputDir, "small-int8.onnx"));
    expect(produced.sizeBytes).toBe(bytes.byteLength);
    expect(produced.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(produced.agreement).toMatchObject({ metric: "top1-agreement", tolerance: 0.75, inputs: 8, withinTolerance: true, protocol: 2 });
    expect(produced.agreement.value).toBeGreaterThanOrEqual(0.75);
    expect(produced.steps.map((s) => s.kind)).toEqual(["prepare", "static-int8"]);

    registerVariant(store, produced, produced.filePath);
    expect(store.get("small-int8")).toMatchObject({ parent: "small", variant: "quantized", recipe: { id: "small-int8" } });
    const resolved = await store.resolve("small-int8");
    expect(resolved.available && resolved.files[0]).toMatchObject({ source: "local", path: produced.filePath });

    // From the database: the stored row comes back as a store entry in a fresh process (a new store).
    const fresh = new ModelStore({
      manifest: { version: 1, models: [store.get("small")!] },
      mirrorDir: path.join(work, "mirror"),
      cacheDir: path.join(work, "cache"),
      allowDownload: false,
      downloadTimeoutMs: 1000,
    });
    const row = {
      id: produced.id,
      family: produced.family,
      parentId: produced.parentId,
      variant: produced.variant,
      recipe: produced.recipe,
      fileName: produced.fileName,
      sizeBytes: produced.sizeBytes,
      sha256: produced.sha256,
      agreement: produced.agreement,
    };
    await upsertModelVariant({ db: db.db, variant: row });
    await upsertModelVariant({
      db: db.db,
      variant: { ...row, id: "small-gone", fileName: "small-gone.onnx", recipe: { ...produced.recipe, id: "small-gone" } },
    });
    // A variant stored before the protocol had a number (8-bit weights, tuned on calibration images) is produced again.
    const { protocol: _protocol, ...oldAgreement } = produced.agreement;
    await upsertModelVariant({ db: db.db, variant: { ...row, id: "small-old", agreement: oldAgreement, recipe: { ...produced.recipe, id: "small-old" } } });
    const result = await registerStoredVariants({ db: db.db, store: fresh, dir: outputDir });
    expect(result.registered).toEqual(["small-int8"]);
    expect(result.skipped).toEqual([
      { id: "small-gone", reason: expect.stringMatching(/small-gone\.onnx is missing/) },
      { id: "small-old", reason: expect.stringMatching(/produced under protocol 1/) },
    ]);
    expect((await fresh.resolve("small-int8")).available).toBe(true);
  });

  it("gives clear invalid_input errors for an unknown parent, a non-ONNX parent and a bad recipe", async () => {
    const unknown = await apiError(produceVariant({ recipe: recipe({ parent: "nope" }), inputs, store, outputDir: work }));
    expect(unknown.code).toBe("invalid_input");
    expect(unknown.detail).toBe('Unknown parent model "nope".');
    const tfjs = await apiError(produceVariant({ recipe: recipe({ parent: "small-tfjs" }), inputs, store, outputDir: work }));
    expect(tfjs.detail).toMatch(/runs on tfjs, not ONNX Runtime/);
    const bad = await apiError(produceVariant({ recipe: recipe({ steps: [{ kind: "magnitude-pruning", sparsity: 1.5 }] }), inputs, store, outputDir: work }));
    expect(bad.extra.errors).toContainEqual(expect.objectContaining({ field: "steps.0.sparsity" }));
    const mismatch = await apiError(produceVariant({ parentModelId: "small-tfjs", recipe: recipe(), inputs, store, outputDir: work }));
    expect(mismatch.detail).toMatch(/is for parent "small", not "small-tfjs"/);
  });
});
