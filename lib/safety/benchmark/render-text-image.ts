import "server-only";
import sharp from "sharp";

/**
 * Renders lines of text as a PNG screenshot (SVG text through sharp), for the image-text check's
 * tests and the benchmark: a real raster the OCR must read, not a shortcut.
 */
export async function renderTextImage(lines: string[], options: { width?: number; fontSizePx?: number } = {}): Promise<Buffer> {
  const fontSizePx = options.fontSizePx ?? 28;
  const width = options.width ?? 900;
  const lineHeight = Math.round(fontSizePx * 1.6);
  const height = lineHeight * (lines.length + 1);
  const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = lines
    .map(
      (line, i) =>
        `<text x="24" y="${lineHeight * (i + 1)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSizePx}" fill="#111">${escapeXml(line)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
