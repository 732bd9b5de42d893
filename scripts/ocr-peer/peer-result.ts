/** What one measured page looks like, shared by the child that measures, the runner and the tables. */

export interface SideFigures {
  /** Median of the timed runs, one page at a time, from the file's bytes in memory to text (decode included). */
  msMedian: number;
  /** Wall time per page with `threads` pages in flight (all timed runs), the throughput the setting's threads give. */
  msPerPageBusy: number;
  /** Character error rate after lib/inference/ocr/measure-text-errors.ts's normalisation. */
  cer: number;
}

export interface PeerRow {
  file: string;
  /** The manifest marks the page as turned. */
  rotated: boolean;
  /** Threads each side had: our ONNX Runtime intra-op threads, tesseract.js workers. */
  threads: number;
  /** tesseract.js ran orientation and script detection on this page. */
  orientationDetection: boolean;
  ours: SideFigures;
  tesseract: SideFigures;
}

export interface PeerRun {
  tesseractVersion: string;
  languageData: string;
  /** Timed runs per page and side (after one untimed warm-up). */
  runsPerPage: number;
  rows: PeerRow[];
}
