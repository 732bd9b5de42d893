import { ImageDecodeError } from "../../domain-errors";

/**
 * A small decoder for Windows BMP, which libvips (and so sharp) cannot read: uncompressed 24- and
 * 32-bit pixels (BI_RGB, or BI_BITFIELDS with the standard masks) and 1/4/8-bit palettes. Returns
 * top-down RGB bytes. Compressed BMPs (RLE, embedded JPEG/PNG) are refused with a clear message.
 */

export interface RawRgb {
  pixels: Buffer;
  width: number;
  height: number;
}

export function isBmp(bytes: Buffer): boolean {
  return bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

const invalid = (detail: string) => new ImageDecodeError("undecodable", `The BMP image could not be read: ${detail}.`);

/** Reads only the header: dimensions, so pixel limits are enforced before any pixel is decoded. */
export function readBmpHeader(bytes: Buffer) {
  if (!isBmp(bytes) || bytes.length < 54) throw invalid("the header is incomplete");
  const pixelOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  if (headerSize < 40) throw invalid("OS/2 bitmap headers are not supported");
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  const paletteSize = bytes.readUInt32LE(46);
  if (width <= 0 || rawHeight === 0) throw invalid("the dimensions are not positive");
  return {
    width,
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitsPerPixel,
    compression,
    pixelOffset,
    paletteOffset: 14 + headerSize,
    paletteSize,
  };
}

export function decodeBmp(bytes: Buffer): RawRgb {
  const header = readBmpHeader(bytes);
  const { width, height, bitsPerPixel, compression, pixelOffset } = header;
  // 0 = BI_RGB; 3 = BI_BITFIELDS (accepted for 32-bit with the usual BGRA masks).
  if (!(compression === 0 || (compression === 3 && bitsPerPixel === 32))) throw invalid(`compression type ${compression} is not supported`);
  if (![1, 4, 8, 24, 32].includes(bitsPerPixel)) throw invalid(`${bitsPerPixel} bits per pixel is not supported`);
  const rowBytes = Math.ceil((width * bitsPerPixel) / 32) * 4;
  if (pixelOffset + rowBytes * height > bytes.length) throw invalid("the file is truncated");

  let palette: Buffer | undefined;
  if (bitsPerPixel <= 8) {
    const colours = header.paletteSize || 1 << bitsPerPixel;
    palette = bytes.subarray(header.paletteOffset, header.paletteOffset + colours * 4);
  }
  const pixels = Buffer.allocUnsafe(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sourceRow = header.topDown ? y : height - 1 - y;
    const rowStart = pixelOffset + sourceRow * rowBytes;
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 3;
      if (bitsPerPixel >= 24) {
        const at = rowStart + x * (bitsPerPixel / 8);
        pixels[out] = bytes[at + 2];
        pixels[out + 1] = bytes[at + 1];
        pixels[out + 2] = bytes[at];
      } else {
        const bitOffset = x * bitsPerPixel;
        const byte = bytes[rowStart + (bitOffset >> 3)];
        const index = (byte >> (8 - bitsPerPixel - (bitOffset & 7))) & ((1 << bitsPerPixel) - 1);
        const entry = index * 4;
        if (!palette || entry + 2 >= palette.length) throw invalid("a palette index is out of range");
        pixels[out] = palette[entry + 2];
        pixels[out + 1] = palette[entry + 1];
        pixels[out + 2] = palette[entry];
      }
    }
  }
  return { pixels, width, height };
}
