import { describe, expect, it } from "vitest";
import { deriveLoadFigures } from "./derive-load-figures";
import { loadRunToMarkdown, statusSummary } from "./load-markdown";
import { cell, sampleRun } from "./load-run.fixture";
import { loadRunSchema } from "./load-run-schema";

const cells = [
  cell({ route: "image-text-all", concurrency: 1, cpuSecondsPerRequest: 0.565, throughputRps: 2.4 }),
  cell({ route: "image-text-all", concurrency: 8, throughputRps: 3.1, statusCounts: { "200": 31, "503": 6 }, timeouts: 1 }),
  cell({ route: "safety", concurrency: 1, cpuSecondsPerRequest: 0.027, throughputRps: 34 }),
  cell({ route: "safety", concurrency: 8, throughputRps: 44 }),
];
const run = {
  ...sampleRun(cells),
  ...deriveLoadFigures({ cells, cores: 2, inProcessMs: { "image-text-all": 395, safety: 26 }, drift: null, deadlineMs: null }),
  id: "run-1",
};

describe("the load benchmark's README block", () => {
  it("writes the machine, one table row per cell with its limit and share, and the derived figures", () => {
    const markdown = loadRunToMarkdown(loadRunSchema.parse(run));
    expect(markdown.split("\n")[0]).toContain("Test CPU, 2 cores (avx2, avx512_vnni)");
    const rows = markdown.split("\n").filter((l) => /^\| (image-text-all|safety) \|/.test(l));
    expect(rows).toHaveLength(4);
    // 2 cores / 0.565 s = 3.54 req/s; 3.1 req/s at c=8 is 88% of it.
    expect(rows[1]).toContain("| 3.54 | 88% |");
    expect(rows[1]).toContain("503×6 timeout×1");
    expect(rows[3]).toContain("| 74.07 | 59% |");
    expect(markdown).toContain("image-text-all 400 ms over HTTP vs 395 ms in process (5.0 ms)");
    expect(markdown).toContain("- a note");
  });

  it("adds the OCR peer's pages with the mean CER and median time of each", () => {
    const withPeer = loadRunSchema.parse({
      ...run,
      ocrPeer: {
        tesseractVersion: "7.0.0",
        languageData: "@tesseract.js-data/eng 1.0.0 (4.0.0)",
        runsPerPage: 3,
        pages: [
          { file: "ocr/a.png", ours: { msMedian: 700, cer: 0 }, tesseract: { msMedian: 300, cer: 0.8 } },
          { file: "ocr/b.png", ours: { msMedian: 900, cer: 0.02 }, tesseract: { msMedian: 500, cer: 0.1 } },
        ],
      },
    });
    const markdown = loadRunToMarkdown(withPeer);
    expect(markdown).toContain("| ocr/a.png | 700 | 0.0% | 300 | 80.0% |");
    expect(markdown).toContain("| mean CER, median ms | 800 | 1.0% | 400 | 45.0% |");
  });

  it("shows each thread setting of the fair OCR peer with its OSD column and a summary row per setting", () => {
    const side = (msMedian: number, cer: number) => ({ msMedian, cer, msPerPageBusy: msMedian });
    const withPeer = loadRunSchema.parse({
      ...run,
      ocrPeer: {
        tesseractVersion: "7.0.0",
        languageData: "@tesseract.js-data/eng 1.0.0 (4.0.0), @tesseract.js-data/osd 1.0.0 (4.0.0)",
        runsPerPage: 3,
        pages: [
          { file: "ocr/a.png", threads: 1, rotated: false, orientationDetection: false, ours: side(700, 0), tesseract: side(300, 0.1) },
          { file: "ocr/a-L.png", threads: 1, rotated: true, orientationDetection: true, ours: side(900, 0), tesseract: side(1100, 0.03) },
          { file: "ocr/a.png", threads: 2, rotated: false, orientationDetection: false, ours: side(400, 0), tesseract: side(310, 0.1) },
          { file: "ocr/a-L.png", threads: 2, rotated: true, orientationDetection: true, ours: side(600, 0), tesseract: side(1000, 0.03) },
        ],
      },
    });
    const markdown = loadRunToMarkdown(withPeer);
    expect(markdown).toContain("| ocr/a-L.png | 1 | yes | 900 | 0.0% | 1100 | 3.0% |");
    expect(markdown).toContain("| ocr/a.png | 2 | no | 400 | 0.0% | 310 | 10.0% |");
    expect(markdown).toContain("| mean CER, median ms | 1 | | 800 | 0.0% | 700 | 6.5% |");
    expect(markdown).toContain("| mean CER, median ms | 2 | | 500 | 0.0% | 655 | 6.5% |");
  });

  it("summarises statuses other than 2xx, or says none", () => {
    expect(statusSummary({ statusCounts: { "200": 3 }, timeouts: 0, connectionErrors: 0 })).toBe("none");
    expect(statusSummary({ statusCounts: { "200": 3, "429": 2 }, timeouts: 0, connectionErrors: 4 })).toBe("429×2 conn×4");
  });
});

describe("the load run schema", () => {
  it("accepts a run as the benchmark assembles it and refuses unknown routes or switches", () => {
    expect(loadRunSchema.parse(run).cells).toHaveLength(4);
    expect(loadRunSchema.safeParse({ ...run, cells: [{ ...cells[0], route: "video" }] }).success).toBe(false);
    expect(loadRunSchema.safeParse({ ...run, cells: [{ ...cells[0], batching: "maybe" }] }).success).toBe(false);
    expect(loadRunSchema.safeParse({ ...run, machine: undefined }).success).toBe(false);
  });
});
