import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScheduler, createWorker, OEM, type PSM, type Scheduler } from "tesseract.js";
import type { TesseractPageSetup } from "./peer-plan";

/**
 * tesseract.js as the peer: one scheduler of N workers per page configuration (plain, and with
 * orientation detection), created once per thread setting and warmed before anything is timed.
 * Language data comes from npm packages read from node_modules (@tesseract.js-data/eng, and
 * @tesseract.js-data/osd for orientation detection): nothing is fetched at run time.
 */

const require = createRequire(import.meta.url);
export const tesseractVersion = (require("tesseract.js/package.json") as { version: string }).version;

interface LanguagePackage {
  langPath: string;
  gzip: boolean;
}

// Literal require calls, so the dependency checker (knip) sees both data packages used.
function describePackage(name: string, data: LanguagePackage, manifest: { version: string }): { data: LanguagePackage; label: string } {
  return { data, label: `${name} ${manifest.version} (${path.basename(data.langPath)})` };
}

const eng = describePackage("@tesseract.js-data/eng", require("@tesseract.js-data/eng"), require("@tesseract.js-data/eng/package.json"));
export const languageDataName = eng.label;

/** The OSD data's package, or why it cannot be had (the rotated pages then cannot be read fairly: the caller says so). */
export function orientationData(): { data: LanguagePackage; label: string } | { missing: string } {
  try {
    return describePackage("@tesseract.js-data/osd", require("@tesseract.js-data/osd"), require("@tesseract.js-data/osd/package.json"));
  } catch (error) {
    return { missing: `@tesseract.js-data/osd is not installed (${(error as Error).message.split("\n")[0]})` };
  }
}

export interface TesseractPool {
  read(bytes: Buffer, setup: TesseractPageSetup): Promise<string>;
  close(): Promise<void>;
}

/**
 * `workers` tesseract.js workers for each configuration. tesseract.js reads every language from one
 * folder (langPath), and eng and osd ship in two packages: a temporary folder links both files.
 * The OSD workers load osd beside eng and are then initialised with eng alone, so recognition uses
 * English only and the page segmenter finds osd.traineddata in the worker's file system for mode 1.
 */
export async function openTesseractPool(workers: number, setups: TesseractPageSetup[]): Promise<TesseractPool> {
  const languageDir = mkdtempSync(path.join(tmpdir(), "ie-ocr-peer-lang-"));
  const engFile = `eng.traineddata${eng.data.gzip ? ".gz" : ""}`;
  symlinkSync(path.join(eng.data.langPath, engFile), path.join(languageDir, engFile));
  const common = { langPath: languageDir, gzip: eng.data.gzip, cacheMethod: "none" };
  const schedulers = new Map<string, Scheduler>();
  const keyOf = (setup: TesseractPageSetup) => `${setup.orientationDetection}:${setup.pageSegMode}`;
  const distinct = new Map(setups.map((setup) => [keyOf(setup), setup]));
  try {
    for (const [key, setup] of distinct) {
      const withOsd = setup.orientationDetection;
      if (withOsd && !existsSync(path.join(languageDir, "osd.traineddata.gz")) && !existsSync(path.join(languageDir, "osd.traineddata"))) {
        const osd = orientationData();
        if ("missing" in osd) throw new Error(osd.missing);
        if (osd.data.gzip !== eng.data.gzip) throw new Error("eng and osd data differ in compression; tesseract.js takes one gzip setting per worker");
        const osdFile = `osd.traineddata${osd.data.gzip ? ".gz" : ""}`;
        symlinkSync(path.join(osd.data.langPath, osdFile), path.join(languageDir, osdFile));
      }
      const scheduler = createScheduler();
      for (let i = 0; i < workers; i++) {
        // OSD runs on the legacy engine's code; recognition stays LSTM (OEM 1) either way. Tesseract prints
        // "LSTM requested, but not present!! Loading tesseract." for osd.traineddata, which has no LSTM model: expected.
        const worker = withOsd
          ? await createWorker(["eng", "osd"], OEM.LSTM_ONLY, { ...common, legacyCore: true, legacyLang: true })
          : await createWorker("eng", OEM.LSTM_ONLY, common);
        if (withOsd) await worker.reinitialize("eng", OEM.LSTM_ONLY);
        await worker.setParameters({ tessedit_pageseg_mode: setup.pageSegMode as PSM });
        scheduler.addWorker(worker);
      }
      schedulers.set(key, scheduler);
    }
  } catch (error) {
    await Promise.all([...schedulers.values()].map((s) => s.terminate()));
    rmSync(languageDir, { recursive: true, force: true });
    throw error;
  }
  return {
    async read(bytes, setup) {
      const scheduler = schedulers.get(keyOf(setup));
      if (!scheduler) throw new Error(`no tesseract.js workers were opened for ${keyOf(setup)}`);
      // tesseract.js decodes the file bytes itself (Leptonica in the worker), so the decode is inside the timing, as ours.
      const result = await scheduler.addJob("recognize", bytes);
      return result.data.text;
    },
    async close() {
      await Promise.all([...schedulers.values()].map((s) => s.terminate()));
      rmSync(languageDir, { recursive: true, force: true });
    },
  };
}
