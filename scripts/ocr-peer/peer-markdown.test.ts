import { describe, expect, it } from "vitest";
import { peerSummaryLine, peerTables } from "./peer-markdown";
import type { PeerRow, PeerRun } from "./peer-result";

const row = (file: string, threads: number, rotated: boolean, oursMs: number, tesseractMs: number, tesseractCer: number): PeerRow => ({
  file,
  rotated,
  threads,
  orientationDetection: rotated,
  ours: { msMedian: oursMs, msPerPageBusy: oursMs, cer: 0 },
  tesseract: { msMedian: tesseractMs, msPerPageBusy: tesseractMs / threads, cer: tesseractCer },
});

const run: PeerRun = {
  tesseractVersion: "7.0.0",
  languageData: "eng, osd",
  runsPerPage: 3,
  rows: [
    row("ocr/up.tif", 1, false, 600, 300, 0.1),
    row("ocr/up-2.tif", 1, false, 800, 500, 0.3),
    row("ocr/turned-L.png", 1, true, 700, 1200, 0.02),
    row("ocr/up.tif", 2, false, 400, 300, 0.1),
    row("ocr/turned-L.png", 2, true, 500, 1100, 0.02),
  ],
};

describe("the OCR peer's tables", () => {
  it("summarises upright and rotated pages apart, per thread setting", () => {
    const tables = peerTables(run, "machine line");
    expect(tables).toContain("| 1 | upright (2) | 700 ms | 400 ms | 0.0% | 20.0% |");
    expect(tables).toContain("| 1 | rotated (1) | 700 ms | 1200 ms | 0.0% | 2.0% |");
    expect(tables).toContain("| 2 | rotated (1) | 500 ms | 1100 ms | 0.0% | 2.0% |");
    expect(tables).toContain("| turned-L.png | rotated | 2 | 500 ms | 1100 ms | 0.0% | 2.0% | OSD, PSM 1 | 500 ms | 550 ms |");
    expect(tables).toContain("machine line");
  });

  it("puts every setting and kind in the README line, rotated marked as tesseract.js with OSD", () => {
    const line = peerSummaryLine(run, "2026-12-07, contended");
    expect(line).toContain("1 thread(s), upright: 700 ms / CER 0.0% vs 400 ms / 20.0%");
    expect(line).toContain("2 thread(s), rotated (tesseract.js with OSD): 500 ms / CER 0.0% vs 1100 ms / 2.0%");
    expect(line).toContain("2026-12-07, contended");
  });
});
