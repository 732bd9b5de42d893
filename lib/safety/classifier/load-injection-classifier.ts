import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { injectionClassifierSchema, type InjectionClassifier } from "./injection-classifier-schema";

/** The committed weights; read once per process. */
export const INJECTION_CLASSIFIER_PATH = path.join("models", "safety", "injection-classifier.json");

const globalForClassifier = globalThis as unknown as { insightInjectionClassifier?: Promise<InjectionClassifier> };

export function loadInjectionClassifier(file = path.join(process.cwd(), INJECTION_CLASSIFIER_PATH)): Promise<InjectionClassifier> {
  if (!globalForClassifier.insightInjectionClassifier) {
    const loading = readFile(file, "utf8").then((text) => injectionClassifierSchema.parse(JSON.parse(text)));
    loading.catch(() => {
      if (globalForClassifier.insightInjectionClassifier === loading) globalForClassifier.insightInjectionClassifier = undefined;
    });
    globalForClassifier.insightInjectionClassifier = loading;
  }
  return globalForClassifier.insightInjectionClassifier;
}
