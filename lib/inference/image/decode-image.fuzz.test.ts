import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ImageDecodeError } from "../../domain-errors";
import { decodeImage } from "./decode-image";

/**
 * Property-based tests of the image decoders (sharp/libvips and the BMP reader): whatever bytes an
 * upload holds (arbitrary, or a real photo of every accepted format truncated, bit-flipped or with a
 * forged header), decoding either yields consistent RGB pixels or fails with ImageDecodeError (which
 * maps to a 4xx) within a time bound. Anything else would be a 500, or a request that never ends.
 */

const limits = { maxBytes: 5 * 1024 * 1024, maxPixels: 4_000_000 };
const perDecodeTimeoutMs = 15_000;

const photoPath = path.join(process.env.EVAL_DATA_DIR ?? path.join("..", "shared", "eval"), "images", "photos", "coral_owl.jpg");

async function decodeOrDomainError(bytes: Buffer): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    decodeImage(bytes, limits).then(
      (image) => ({ image }),
      (error: unknown) => ({ error }),
    ),
    new Promise<{ hung: true }>((resolve) => (timer = setTimeout(() => resolve({ hung: true }), perDecodeTimeoutMs))),
  ]);
  clearTimeout(timer);
  expect(outcome).not.toHaveProperty("hung");
  if ("error" in outcome) {
    expect(outcome.error, String((outcome.error as Error)?.stack)).toBeInstanceOf(ImageDecodeError);
  } else if ("image" in outcome) {
    const { image } = outcome;
    expect(image.pixels.length).toBe(image.width * image.height * 3);
    expect(image.width * image.height).toBeLessThanOrEqual(limits.maxPixels);
  }
}

/** A minimal BMP header (54 bytes) with the given fields, followed by `pixelBytes` bytes. */
function bmp(
  fields: { width: number; height: number; bitsPerPixel: number; compression: number; pixelOffset: number; headerSize: number; paletteSize: number },
  pixelBytes: Buffer,
) {
  const header = Buffer.alloc(54);
  header.write("BM", 0, "latin1");
  header.writeUInt32LE(54 + pixelBytes.length, 2);
  header.writeUInt32LE(fields.pixelOffset >>> 0, 10);
  header.writeUInt32LE(fields.headerSize >>> 0, 14);
  header.writeInt32LE(fields.width | 0, 18);
  header.writeInt32LE(fields.height | 0, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(fields.bitsPerPixel & 0xffff, 28);
  header.writeUInt32LE(fields.compression >>> 0, 30);
  header.writeUInt32LE(fields.paletteSize >>> 0, 46);
  return Buffer.concat([header, pixelBytes]);
}

const sources: Record<string, Buffer> = {};

beforeAll(async () => {
  // A real photo where the shared evaluation data is present; a synthetic gradient otherwise.
  const base = existsSync(photoPath)
    ? sharp(readFileSync(photoPath)).resize(96, 72)
    : sharp(Buffer.from(Array.from({ length: 96 * 72 * 3 }, (_, i) => (i * 7) % 256)), { raw: { width: 96, height: 72, channels: 3 } });
  const raw = await base.clone().raw().toBuffer({ resolveWithObject: true });
  sources.png = await base.clone().png().toBuffer();
  sources.jpeg = await base.clone().jpeg({ quality: 80 }).toBuffer();
  sources.webp = await base.clone().webp().toBuffer();
  sources.gif = await base.clone().gif().toBuffer();
  sources.tiff = await base.clone().tiff({ compression: "lzw" }).toBuffer();
  sources.avif = await base.clone().avif({ effort: 0 }).toBuffer();
  // 24-bit bottom-up BMP, rows padded to 4 bytes, BGR order.
  const { width, height } = raw.info;
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const pixels = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) pixels[(height - 1 - y) * rowBytes + x * 3 + c] = raw.data[(y * width + x) * 3 + (2 - c)];
  sources.bmp = bmp({ width, height, bitsPerPixel: 24, compression: 0, pixelOffset: 54, headerSize: 40, paletteSize: 0 }, pixels);
}, 120_000);

const mutants = (bytes: Buffer) =>
  fc.oneof(
    fc.nat({ max: bytes.length }).map((end) => bytes.subarray(0, end)),
    fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 }).map((flips) => {
      const copy = Buffer.from(bytes);
      for (const [at, mask] of flips) copy[at] ^= mask;
      return copy;
    }),
    // Corruption concentrated in the header, where dimensions and chunk lengths live.
    fc.array(fc.tuple(fc.nat({ max: Math.min(63, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((writes) => {
      const copy = Buffer.from(bytes);
      for (const [at, value] of writes) copy[at] = value;
      return copy;
    }),
  );

describe("decodeImage (property-based)", () => {
  it("decodes each valid source image", async () => {
    for (const [format, bytes] of Object.entries(sources)) {
      const image = await decodeImage(bytes, limits);
      expect(image.format, format).toBe(format === "avif" ? "heif" : format);
    }
  });

  for (const format of ["png", "jpeg", "webp", "gif", "tiff", "avif", "bmp"]) {
    it(`answers truncated and corrupted ${format} files with ImageDecodeError or consistent pixels`, async () => {
      await fc.assert(fc.asyncProperty(mutants(sources[format]), decodeOrDomainError), { numRuns: format === "avif" || format === "tiff" ? 25 : 50 });
    });
  }

  it("answers arbitrary bytes (and arbitrary bytes behind real magic numbers) with ImageDecodeError", async () => {
    const magic = fc.constantFrom(
      "",
      "\x89PNG\r\n\x1a\n",
      "\xff\xd8\xff",
      "RIFF\0\0\0\0WEBPVP8 ",
      "GIF89a",
      "II*\0",
      "MM\0*",
      "BM",
      "<svg",
      "\0\0\0\x1cftypavif",
    );
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 400 }), (prefix, rest) => decodeOrDomainError(Buffer.concat([Buffer.from(prefix, "latin1"), rest]))),
      { numRuns: 150 },
    );
  });

  it("answers BMP headers with arbitrary fields with ImageDecodeError or consistent pixels", async () => {
    const int32 = fc.oneof(fc.integer({ min: -64, max: 64 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    const fields = fc.record({
      width: int32,
      height: int32,
      bitsPerPixel: fc.oneof(fc.constantFrom(0, 1, 2, 4, 8, 16, 24, 32), fc.nat({ max: 0xffff })),
      compression: fc.constantFrom(0, 1, 2, 3, 4, 5, 2 ** 32 - 1),
      pixelOffset: fc.oneof(fc.nat({ max: 200 }), fc.nat({ max: 2 ** 32 - 1 })),
      headerSize: fc.oneof(fc.constantFrom(12, 40, 108, 124), fc.nat({ max: 2 ** 32 - 1 })),
      paletteSize: fc.oneof(fc.nat({ max: 300 }), fc.nat({ max: 2 ** 32 - 1 })),
    });
    await fc.assert(
      fc.asyncProperty(fields, fc.uint8Array({ maxLength: 3000 }), (f, pixels) => decodeOrDomainError(bmp(f, Buffer.from(pixels)))),
      { numRuns: 400 },
    );
  });

  it("refuses decompression bombs from the header: a tiny PNG declaring 50000x50000 pixels", async () => {
    // Re-stamp a real PNG's IHDR with huge dimensions (and a matching CRC): a few hundred bytes claiming 2.5 gigapixels.
    const png = Buffer.from(sources.png);
    png.writeUInt32BE(50_000, 16);
    png.writeUInt32BE(50_000, 20);
    const { crc32 } = await import("node:zlib");
    png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
    const error = await decodeImage(png, limits).catch((e) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as ImageDecodeError).problem).toBe("too_many_pixels");
  });
});
