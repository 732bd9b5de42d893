import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ImageDecodeError } from "../../domain-errors";
import { type ApiError, apiErrorFromDomain } from "../../errors";
import { decodeBmp } from "./decode-bmp";
import { decodeImage } from "./decode-image";

const limits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 };

async function failure(bytes: Buffer, overrides = {}) {
  const error = await decodeImage(bytes, { ...limits, ...overrides }).then(
    () => undefined,
    (e) => e,
  );
  // The decoder throws its own error; the status is what lib/errors.ts maps it to.
  expect(error).toBeInstanceOf(ImageDecodeError);
  return apiErrorFromDomain(error) as ApiError;
}

let bomb: Buffer;
beforeAll(async () => {
  // A real decompression bomb: 20000 x 20000 pixels (400 megapixels) in about 1 MB of PNG.
  bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: "#ffffff" }, limitInputPixels: false })
    .png({ compressionLevel: 9 })
    .toBuffer();
}, 60_000);

describe("decodeImage", () => {
  it("decodes to upright RGB, applying EXIF orientation", async () => {
    // 40x20 stored sideways with orientation 6 (rotate 90° clockwise to display) becomes 20x40.
    const stored = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#ff0000" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await decodeImage(stored, limits);
    expect([image.width, image.height]).toEqual([20, 40]);
    expect(image.exifOrientation).toBe(6);
    expect(image.pixels.length).toBe(20 * 40 * 3);
    expect(image.pixels[0]).toBeGreaterThan(200);
  });

  it("turns grayscale and transparent images into 3-channel RGB", async () => {
    const gray = await sharp(Buffer.alloc(32 * 32, 128), { raw: { width: 32, height: 32, channels: 1 } })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await sharp(gray).metadata()).channels).toBe(1);
    expect((await decodeImage(gray, limits)).pixels.length).toBe(32 * 32 * 3);
    const transparent = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const flattened = await decodeImage(transparent, limits);
    expect(flattened.hasAlpha).toBe(true);
    expect(flattened.pixels[0]).toBe(255);
  });

  it("refuses a decompression bomb from its header with 413", async () => {
    const started = performance.now();
    const error = await failure(bomb);
    expect(error.status).toBe(413);
    expect(error.detail).toContain("20000x20000");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses empty, non-image, too-small, oversized and SVG input with clear 4xx answers", async () => {
    expect((await failure(Buffer.alloc(0))).status).toBe(400);
    expect((await failure(Buffer.from("%PDF-1.7 definitely not a picture"))).status).toBe(415);
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    const small = await failure(tiny);
    expect(small.status).toBe(422);
    expect(small.detail).toContain("1x1");
    expect((await failure(tiny, { maxBytes: 10 })).status).toBe(413);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>');
    expect((await failure(svg)).status).toBe(415);
  });

  it("refuses a truncated PNG with 422", async () => {
    const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#123456" } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const error = await failure(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.status).toBe(422);
  });

  it("decodes 24-bit and 8-bit palette BMPs, and refuses a truncated BMP", async () => {
    const width = 17;
    const height = 16;
    const rowBytes = Math.ceil((width * 24) / 32) * 4;
    const bmp = Buffer.alloc(54 + rowBytes * height);
    bmp.write("BM", 0);
    bmp.writeUInt32LE(bmp.length, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(width, 18);
    bmp.writeInt32LE(height, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    // Bottom row (stored first) blue, everything else green.
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) bmp.set(y === 0 ? [255, 0, 0] : [0, 255, 0], 54 + y * rowBytes + x * 3);
    const decoded = await decodeImage(bmp, limits);
    expect(decoded.format).toBe("bmp");
    expect([...decoded.pixels.subarray(0, 3)]).toEqual([0, 255, 0]);
    expect([...decoded.pixels.subarray((height - 1) * width * 3, (height - 1) * width * 3 + 3)]).toEqual([0, 0, 255]);

    const palette = Buffer.alloc(54 + 256 * 4 + 16 * 16);
    palette.write("BM", 0);
    palette.writeUInt32LE(54 + 256 * 4, 10);
    palette.writeUInt32LE(40, 14);
    palette.writeInt32LE(16, 18);
    palette.writeInt32LE(-16, 22);
    palette.writeUInt16LE(8, 28);
    palette.set([10, 20, 30, 0], 54 + 7 * 4);
    palette.fill(7, 54 + 256 * 4);
    expect([...decodeBmp(palette).pixels.subarray(0, 3)]).toEqual([30, 20, 10]);

    expect((await failure(bmp.subarray(0, 100))).status).toBe(422);
  });
});
