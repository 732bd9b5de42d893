import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { settingEnvironment, threadSetting } from "./peer-plan";
import type { PeerRow, PeerRun } from "./peer-result";
import { languageDataName, orientationData, tesseractVersion } from "./tesseract-side";

/**
 * The OCR peer comparison at each thread setting, each in a child process of its own: our ONNX
 * Runtime sessions read ORT_INTRA_OP_THREADS once and keep their thread pools, so a setting cannot be
 * changed inside one process. Used by scripts/bench-ocr-peer.ts and by bench:load's peer part.
 */
export async function measureOcrPeer(options: {
  threads: readonly number[];
  runs: number;
  /** One upright and one rotated page only (quickPages). */
  quickPages?: boolean;
  log?: (line: string) => void;
}): Promise<PeerRun> {
  const osd = orientationData();
  // Without OSD data the rotated pages would be read upright by tesseract.js: not the fair comparison this measures.
  if ("missing" in osd) throw new Error(`${osd.missing}: run npm ci (it is a dev dependency), or skip the peer (bench:load --no-peer)`);
  const rows: PeerRow[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "ie-ocr-peer-"));
  try {
    for (const threads of options.threads) {
      const setting = threadSetting(threads);
      const out = path.join(dir, `rows-${threads}.json`);
      options.log?.(`OCR peer at ${threads} thread(s): ORT_INTRA_OP_THREADS=${setting.ortIntraOpThreads}, ${setting.tesseractWorkers} tesseract.js worker(s)`);
      const args = ["--import", "tsx", "--conditions=react-server", path.join(import.meta.dirname, "measure-setting.ts")];
      args.push("--threads", String(threads), "--runs", String(options.runs), "--out", out, ...(options.quickPages ? ["--quick-pages"] : []));
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, args, { env: settingEnvironment(setting, process.env), stdio: ["ignore", "pipe", "inherit"] });
        // The child's logs go to stderr: the caller's stdout carries only its tables.
        child.stdout.pipe(process.stderr);
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the OCR peer at ${threads} thread(s) exited with ${code}`))));
      });
      rows.push(...(JSON.parse(readFileSync(out, "utf8")) as PeerRow[]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    tesseractVersion,
    languageData: `${languageDataName}, ${osd.label}`,
    runsPerPage: options.runs,
    rows,
  };
}
