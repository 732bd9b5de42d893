/**
 * What makes the OCR comparison fair, as plain decisions the tests can check (issue 21): which
 * tesseract.js configuration each page gets, and how many threads each side may use at a setting.
 *
 * - Configuration per page: tesseract.js gets its best configuration for the page. A page the
 *   evaluation manifest marks as rotated (`rotated` in its expected labels) is read with orientation
 *   and script detection: page segmentation mode 1 (automatic, with OSD; needs osd.traineddata and
 *   the legacy engine's code, which OSD runs on; tesseract.js's `rotateAuto` only straightens small
 *   skew, and `detect` then `rotateRadians` crops a page turned by 90 degrees to its old frame). Every
 *   other page is read as tesseract.js reads by default (Tesseract's API default, mode 6 "one block";
 *   LSTM-only build): no OSD cost, no risk of a wrong turn, and on the photographed skimage page it
 *   read better than mode 3 (CER 33% vs 44%, measured 2026-12-07). Our pipeline
 *   gets no such hint: it looks for a turned page on every page, as it does when serving.
 * - Threads: at setting N our pipeline's ONNX Runtime sessions get N intra-op threads
 *   (ORT_INTRA_OP_THREADS=N, read by lib/inference/session-options.ts) and tesseract.js gets a
 *   scheduler of N workers. A tesseract.js worker is one thread (its WebAssembly build has no
 *   threads), so one page alone cannot use more than one of them: the second worker shows in the
 *   throughput figure (N pages in flight), not in one page's latency.
 */

export const PEER_THREAD_SETTINGS = [1, 2] as const;

/** Page segmentation modes of Tesseract (tesseract.js PSM): 1 = automatic with OSD, 6 = one uniform block (the API's default). */
export const PSM_AUTO_OSD = "1";
export const PSM_SINGLE_BLOCK = "6";

export interface PeerPageEntry {
  file: string;
  expected_labels?: string;
}

export interface TesseractPageSetup {
  /** Orientation and script detection (osd.traineddata loaded beside eng, legacy code). */
  orientationDetection: boolean;
  pageSegMode: typeof PSM_AUTO_OSD | typeof PSM_SINGLE_BLOCK;
}

/** Whether the manifest says the page is turned (its `expected_labels` list `rotated`). */
export function isRotatedPage(page: PeerPageEntry): boolean {
  return (page.expected_labels ?? "")
    .split(",")
    .map((label) => label.trim())
    .includes("rotated");
}

/** tesseract.js's configuration for this page: orientation detection on turned pages only. */
export function tesseractSetupFor(page: PeerPageEntry): TesseractPageSetup {
  return isRotatedPage(page) ? { orientationDetection: true, pageSegMode: PSM_AUTO_OSD } : { orientationDetection: false, pageSegMode: PSM_SINGLE_BLOCK };
}

/** A smoke run's pages (bench:load --quick): the first upright and the first rotated page, so both configurations run. */
export function quickPages<P extends PeerPageEntry>(pages: P[]): P[] {
  const upright = pages.find((p) => !isRotatedPage(p));
  const rotated = pages.find((p) => isRotatedPage(p));
  return pages.filter((p) => p === upright || p === rotated);
}

export interface ThreadSetting {
  /** The setting's name in the tables: threads each side may use. */
  threads: number;
  /** ONNX Runtime intra-op threads of our sessions (ORT_INTRA_OP_THREADS). */
  ortIntraOpThreads: number;
  /** tesseract.js workers in the scheduler, one thread each. */
  tesseractWorkers: number;
}

/** Both sides get the same number of threads; 0 or a fraction is refused (ORT would read 0 as "decide yourself"). */
export function threadSetting(threads: number): ThreadSetting {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`a thread setting is a whole number of threads >= 1, not ${threads}`);
  return { threads, ortIntraOpThreads: threads, tesseractWorkers: threads };
}

/** The environment of the child process that measures one setting: our sessions read their thread count from it once. */
export function settingEnvironment<E extends Record<string, string | undefined>>(setting: ThreadSetting, base: E): E {
  return { ...base, ORT_INTRA_OP_THREADS: String(setting.ortIntraOpThreads) };
}
