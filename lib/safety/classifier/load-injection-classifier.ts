import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "../../env";
import { processSingleton } from "../../process-singletons";
import type { HashedMlp } from "./hashed-mlp";
import { decodeFloats, injectionClassifierSchema, type InjectionClassifierFile } from "./injection-classifier-schema";

/** The committed weights, decoded once per process into the arrays the detector reads. */
export const INJECTION_CLASSIFIER_PATH = path.join("models", "safety", "injection-classifier.json");

export interface InjectionClassifier {
  file: Omit<InjectionClassifierFile, "idf" | "network">;
  buckets: number;
  idf: Float32Array;
  network: HashedMlp;
  thresholds: InjectionClassifierFile["thresholds"];
}

export function decodeInjectionClassifier(file: InjectionClassifierFile): InjectionClassifier {
  const { idf, network, ...rest } = file;
  const denseSize = file.features.dense.length;
  return {
    file: rest,
    buckets: file.features.hashBuckets,
    idf: decodeFloats(idf),
    thresholds: file.thresholds,
    network: {
      buckets: file.features.hashBuckets,
      dim: network.dim,
      hidden: network.hidden,
      denseSize,
      embedding: decodeFloats(network.embedding),
      w1: decodeFloats(network.w1),
      b1: Float32Array.from(network.b1),
      w2: Float32Array.from(network.w2),
      b2: network.b2,
      skip: Float32Array.from(network.skip),
    },
  };
}

export function loadInjectionClassifier(
  file = path.resolve(getEnv().INJECTION_CLASSIFIER_FILE ?? path.join(process.cwd(), INJECTION_CLASSIFIER_PATH)),
): Promise<InjectionClassifier> {
  // The ignore comment keeps the build from tracing the whole project for a path only known at run
  // time; models/ is in next.config.ts's tracing includes, so the standalone output has the file.
  return processSingleton(`safety:injection-classifier:${file}`, async () =>
    decodeInjectionClassifier(injectionClassifierSchema.parse(JSON.parse(await readFile(/*turbopackIgnore: true*/ file, "utf8")))),
  );
}
