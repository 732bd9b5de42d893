import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { recognizeText } from "./recognize-text";
import type { RgbImage } from "./rgb-image";

// Real PP-OCRv4 models on text rendered here with sharp (librsvg + DejaVu Sans), so the test needs
// no evaluation data and knows the exact truth.
const lines = ["Invoice number INV-2024-001", "Date: 18.04.2020", "Total due: 134,39 EUR"];

async function render(turnDegrees = 0): Promise<RgbImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="300"><rect width="100%" height="100%" fill="white"/>${lines
    .map((text, i) => `<text x="40" y="${80 + i * 70}" font-family="DejaVu Sans" font-size="36" fill="black">${text}</text>`)
    .join("")}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .rotate(turnDegrees)
    .flatten({ background: "#ffffff" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

let upright: RgbImage;
beforeAll(async () => {
  upright = await render();
});

describe("recognizeText (PP-OCRv4)", () => {
  it("reads rendered lines in order, with boxes around them in the image's pixels", async () => {
    const result = await recognizeText(upright);
    expect(result.lines.map((l) => l.text)).toEqual(lines);
    expect(result.fullText).toBe(lines.join("\n"));
    expect(result.pageRotationDegrees).toBe(0);
    result.lines.forEach((line, i) => {
      expect(line.confidence).toBeGreaterThan(0.9);
      expect(line.row).toBe(i);
      // Baselines at y = 80, 150, 220; 36 px type: each box contains its baseline region.
      expect(line.box.y).toBeLessThan(80 + i * 70);
      expect(line.box.y + line.box.height).toBeGreaterThan(80 + i * 70 - 10);
      expect(line.box.x).toBeGreaterThan(30);
      expect(line.box.x).toBeLessThan(50);
    });
    expect(result.model).toEqual({
      detection: { id: "ppocr-v4-det", version: "4-fp32", variant: "full_precision" },
      recognition: { id: "ppocr-v4-rec", version: "4-fp32", variant: "full_precision" },
      direction: { id: "ppocr-mobile-v2-cls", version: "2.0-fp32", variant: "full_precision" },
    });
    expect(result.timings.totalMs).toBeGreaterThan(0);
  });

  for (const turn of [90, 180, 270]) {
    it(`reads the page turned ${turn} degrees and maps boxes back onto the turned image`, async () => {
      const turned = await render(turn);
      const result = await recognizeText(turned);
      expect(result.lines.map((l) => l.text)).toEqual(lines);
      expect(result.pageRotationDegrees).toBe((360 - turn) % 360);
      const first = result.lines[0].box;
      if (turn === 180) expect(first.y).toBeGreaterThan(turned.height / 2);
      else expect(first.height).toBeGreaterThan(first.width);
    });
  }

  it("finds nothing on a blank page", async () => {
    const blank = { pixels: Buffer.alloc(400 * 300 * 3, 255), width: 400, height: 300 };
    const result = await recognizeText(blank);
    expect(result.lines).toEqual([]);
    expect(result.fullText).toBe("");
    expect(result.pageRotationDegrees).toBe(0);
  });

  it("can be told not to look for page rotation", async () => {
    const result = await recognizeText(await render(180), { detectPageRotation: false });
    expect(result.pageRotationDegrees).toBe(0);
    // Line by line the direction classifier still turns the upside-down crops.
    expect(result.lines.map((l) => l.text).sort()).toEqual([...lines].sort());
  });
});
