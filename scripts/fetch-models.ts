/**
 * Fetches every model file of models/manifest.json that no npm package ships into one folder (a
 * model mirror), each checked against its sha256: from MODEL_MIRROR_DIR when set (or ../shared/models),
 * else downloaded from its pinned upstream URL. The Dockerfile runs it at build time and points
 * MODEL_MIRROR_DIR at the result. Exits 1 naming every model it could not get.
 *
 *   npx tsx --conditions=react-server scripts/fetch-models.ts <out-dir>
 */
import { getEnvOrExit } from "../lib/env";
import { fetchModelFiles } from "../lib/models/fetch-model-files";
import { loadManifest } from "../lib/models/get-model-store";

const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: scripts/fetch-models.ts <out-dir>");
  process.exit(2);
}
const env = getEnvOrExit();
const result = await fetchModelFiles({
  manifest: loadManifest(),
  outDir,
  mirrorDir: env.modelMirrorDir,
  allowDownload: env.MODEL_DOWNLOAD,
  downloadTimeoutMs: env.MODEL_DOWNLOAD_TIMEOUT_MS,
});
for (const f of result.copied) console.log(`${f.model}: ${f.name} (${f.bytes} bytes, from ${f.source})`);
console.log(`${result.copied.length} files into ${outDir}; ${result.fromPackages.length} files ship in npm packages`);
for (const u of result.unavailable) console.error(`${u.model}: unavailable: ${u.reason}`);
process.exitCode = result.unavailable.length ? 1 : 0;
