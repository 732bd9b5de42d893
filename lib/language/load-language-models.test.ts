import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadManifest } from "../models/get-model-store";
import { ModelStore } from "../models/model-store";
import { identifyLanguage } from "./identify-language";
import { loadLanguageModels } from "./load-language-models";
import { forgetProcessSingletons } from "../process-singletons";

type Globals = { insightModelStore?: ModelStore };
const globals = globalThis as unknown as Globals;
const saved = { insightModelStore: globals.insightModelStore };
let work: string | undefined;

afterEach(() => {
  Object.assign(globals, saved);
  forgetProcessSingletons("language:");
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A store whose fastText file is nowhere to be found (wrong npm path, no mirror, downloads off). */
function storeWithoutFastText(): ModelStore {
  const manifest = loadManifest();
  const models = manifest.models.map((m) =>
    m.id === "fasttext-lid176" ? { ...m, files: m.files.map((f) => ({ ...f, npm: { package: "fasttext.wasm.js", path: "no/such/lid.176.ftz" } })) } : m,
  );
  work = mkdtempSync(path.join(tmpdir(), "ie-lang-"));
  return new ModelStore({ manifest: { ...manifest, models }, cacheDir: work, allowDownload: false, downloadTimeoutMs: 1000 });
}

describe("loadLanguageModels", () => {
  it("loads both models once and reports their ids and versions", async () => {
    const first = await loadLanguageModels();
    const second = await loadLanguageModels();
    expect(first.status).toEqual([
      { id: "fasttext-lid176", version: "lid.176.ftz", runtime: "wasm", available: true },
      { id: "cld3", version: expect.stringContaining("cld3-asm 4.0.0"), runtime: "wasm", available: true },
    ]);
    expect(second.fastText).toBe(first.fastText);
    expect(second.cld3).toBe(first.cld3);
  });

  it("reports a missing model as unavailable with the reason and carries on with the other", async () => {
    globals.insightModelStore = storeWithoutFastText();
    forgetProcessSingletons("language:fasttext");
    const models = await loadLanguageModels();
    const fastText = models.status.find((s) => s.id === "fasttext-lid176");
    expect(fastText).toMatchObject({ available: false, reason: expect.stringContaining("no/such/lid.176.ftz") });
    expect(fastText?.reason).toContain("MODEL_DOWNLOAD=0");
    expect(models.fastText).toBeNull();
    expect(models.cld3).not.toBeNull();
    // Identification still works, on CLD3 alone.
    const result = await identifyLanguage("Das ist ein ganz normaler deutscher Satz über das Wetter.");
    expect(result).toMatchObject({ language: "de", votes: { fasttext: null } });
  });
});
