import "server-only";
import { loadModule } from "cld3-asm";
import { languageModelFile } from "./model-file-path";
import { normalizeCld3Code, UNDETERMINED } from "./language-codes";
import { processSingleton } from "../process-singletons";

/**
 * CLD3, loaded once per process on first use. Its weights are compiled into cld3-asm's WebAssembly
 * module; the model store verifies that file (sha256, manifest id "cld3") before the module is
 * instantiated, so a missing or altered package reports `available: false` instead of loading.
 */

export const CLD3_MODEL_ID = "cld3";

// CLD3 refuses to guess below minBytes (140 by default); we want its guess on short text too and
// judge reliability ourselves. It reads at most maxBytes of a text: enough for a long paragraph.
const MIN_BYTES = 0;
const MAX_BYTES = 4096;

export interface Cld3Vote {
  language: string;
  probability: number;
  /** CLD3's own reliability flag (probability >= 0.7 and enough text). */
  reliable: boolean;
}

export interface Cld3Model {
  predict(text: string): Cld3Vote | null;
  loadMs: number;
}

export function loadCld3(): Promise<Cld3Model> {
  return processSingleton("language:cld3", createCld3);
}

async function createCld3(): Promise<Cld3Model> {
  // cld3-asm carries its model inside its wasm module: the store's file says the model may be used here.
  await languageModelFile(CLD3_MODEL_ID, "CLD3");
  const startedAt = performance.now();
  const factory = await loadModule();
  const identifier = factory.create(MIN_BYTES, MAX_BYTES);
  const loadMs = performance.now() - startedAt;
  return {
    loadMs,
    predict(text) {
      const result = identifier.findLanguage(text);
      if (result.language === UNDETERMINED) return null;
      return { language: normalizeCld3Code(result.language), probability: result.probability, reliable: result.is_reliable };
    },
  };
}
