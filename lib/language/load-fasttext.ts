import "server-only";
import { pathToFileURL } from "node:url";
import { getLIDModel } from "fasttext.wasm.js";
import { languageModelFile } from "./model-file-path";
import { normalizeFastTextLabel } from "./language-codes";
import { processSingleton } from "../process-singletons";

/**
 * fastText lid.176 (176 languages, the compressed .ftz), loaded once per process on first use from
 * the file the model store resolved and verified (manifest id "fasttext-lid176").
 */

export const FASTTEXT_MODEL_ID = "fasttext-lid176";

/** How many of fastText's ranked labels the ensemble considers. */
export const FASTTEXT_TOP_K = 20;

export interface FastTextVote {
  language: string;
  probability: number;
}

export interface FastTextModel {
  /** The top labels, folded into our code space (two labels may fold into one, e.g. yue and wuu -> zh). */
  predict(text: string, topK?: number): FastTextVote[];
  loadMs: number;
}

interface NativeVector {
  size(): number;
  get(index: number): [number, string];
  delete?: () => void;
}

export function loadFastText(): Promise<FastTextModel> {
  return processSingleton("language:fasttext", createFastText);
}

async function createFastText(): Promise<FastTextModel> {
  const modelFile = await languageModelFile(FASTTEXT_MODEL_ID, "fastText");
  const startedAt = performance.now();
  const wrapper = await getLIDModel({ modelPath: pathToFileURL(modelFile).href });
  const native = await wrapper.load();
  const loadMs = performance.now() - startedAt;
  return {
    loadMs,
    predict(text, topK = FASTTEXT_TOP_K) {
      // fastText reads one line: a newline would end the input early.
      const vector = native.predict(text.replace(/[\r\n]+/g, " "), topK, 0) as unknown as NativeVector;
      const byCode = new Map<string, number>();
      try {
        for (let i = 0; i < vector.size(); i++) {
          const [probability, label] = vector.get(i);
          const code = normalizeFastTextLabel(label);
          byCode.set(code, (byCode.get(code) ?? 0) + probability);
        }
      } finally {
        // Embind vectors live in the WebAssembly heap until deleted.
        vector.delete?.();
      }
      return [...byCode].map(([language, probability]) => ({ language, probability })).sort((a, b) => b.probability - a.probability);
    },
  };
}
