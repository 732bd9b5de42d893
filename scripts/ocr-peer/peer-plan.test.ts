import { describe, expect, it } from "vitest";
import {
  isRotatedPage,
  PEER_THREAD_SETTINGS,
  PSM_AUTO_OSD,
  PSM_SINGLE_BLOCK,
  quickPages,
  settingEnvironment,
  tesseractSetupFor,
  threadSetting,
} from "./peer-plan";

describe("which pages get orientation detection", () => {
  it("turns OSD on (mode 1) for pages the manifest labels rotated, and leaves upright pages on tesseract.js's default mode", () => {
    const rotated = { file: "ocr/tesseract_phototest-rotated-L.png", expected_labels: "document,text,ocr,rotated" };
    const upright = { file: "ocr/tesseract_phototest.tif", expected_labels: "document,text,ocr" };
    expect(tesseractSetupFor(rotated)).toEqual({ orientationDetection: true, pageSegMode: PSM_AUTO_OSD });
    expect(tesseractSetupFor(upright)).toEqual({ orientationDetection: false, pageSegMode: PSM_SINGLE_BLOCK });
  });

  it("reads the label, not the file name, and only the whole label", () => {
    expect(isRotatedPage({ file: "ocr/rotated-looking-name.png", expected_labels: "document,text" })).toBe(false);
    expect(isRotatedPage({ file: "ocr/page.png", expected_labels: "document, rotated " })).toBe(true);
    expect(isRotatedPage({ file: "ocr/page.png", expected_labels: "unrotated,text" })).toBe(false);
    expect(isRotatedPage({ file: "ocr/page.png" })).toBe(false);
  });
});

describe("a smoke run's pages", () => {
  it("keeps the first upright and the first rotated page, so both tesseract.js configurations run", () => {
    const pages = [
      { file: "a", expected_labels: "text" },
      { file: "b", expected_labels: "text" },
      { file: "c", expected_labels: "text,rotated" },
      { file: "d", expected_labels: "rotated" },
    ];
    expect(quickPages(pages).map((p) => p.file)).toEqual(["a", "c"]);
    expect(quickPages(pages.slice(0, 2)).map((p) => p.file)).toEqual(["a"]);
  });
});

describe("thread settings", () => {
  it("gives both sides the same number of threads at every reported setting, 1 and 2", () => {
    expect(PEER_THREAD_SETTINGS).toEqual([1, 2]);
    for (const threads of PEER_THREAD_SETTINGS) {
      const setting = threadSetting(threads);
      expect(setting.ortIntraOpThreads).toBe(threads);
      expect(setting.tesseractWorkers).toBe(threads);
    }
  });

  it("refuses 0 (ONNX Runtime would pick its own count) and fractions", () => {
    expect(() => threadSetting(0)).toThrow(/whole number/);
    expect(() => threadSetting(1.5)).toThrow(/whole number/);
  });

  it("sets our sessions' thread count in the measuring process's environment, overriding an inherited one", () => {
    const env = settingEnvironment(threadSetting(2), { ORT_INTRA_OP_THREADS: "0", PATH: "/usr/bin" });
    expect(env.ORT_INTRA_OP_THREADS).toBe("2");
    expect(env.PATH).toBe("/usr/bin");
  });
});
