import "server-only";
import manifestJson from "@/models/manifest.json";
import { getEnv } from "../env";
import { manifestSchema, type Manifest } from "./manifest-schema";
import { ModelStore } from "./model-store";

/** The checked-in manifest, validated once: a malformed manifest is a programming error and fails loudly. */
export function loadManifest(): Manifest {
  return manifestSchema.parse(manifestJson);
}

const globalForStore = globalThis as unknown as { insightModelStore?: ModelStore };

/** The process-wide model store configured from the environment. */
export function getModelStore(): ModelStore {
  if (!globalForStore.insightModelStore) {
    const env = getEnv();
    globalForStore.insightModelStore = new ModelStore({
      manifest: loadManifest(),
      mirrorDir: env.modelMirrorDir,
      cacheDir: env.modelCacheDir,
      allowDownload: env.MODEL_DOWNLOAD,
      downloadTimeoutMs: env.MODEL_DOWNLOAD_TIMEOUT_MS,
    });
  }
  return globalForStore.insightModelStore;
}
