import { existsSync, readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { evalPhoto } from "../eval-data";

/**
 * Broken uploads of every format the decoder accepts (lib/inference/image/decode-image.ts:
 * jpeg, png, webp, gif, tiff, avif/heif, bmp), made with sharp from a real photo (../shared/eval;
 * a synthetic gradient where that folder is missing): each truncated halfway and with its header
 * garbled, plus a decompression bomb, SVGs with external references and a zero-byte file.
 */

export interface NamedBytes {
  name: string;
  bytes: Buffer;
  type: string;
}

export async function validImage(): Promise<Buffer> {
  const photo = evalPhoto("coral_owl.jpg");
  const base = existsSync(photo)
    ? sharp(readFileSync(photo))
    : sharp(Buffer.from(Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 7) % 256)), { raw: { width: 64, height: 48, channels: 3 } });
  return base.resize(64, 48).jpeg({ quality: 80 }).toBuffer();
}

export async function badImages(): Promise<NamedBytes[]> {
  const source = sharp(await validImage());
  const encoded: [string, string, Buffer][] = [
    ["png", "image/png", await source.clone().png().toBuffer()],
    ["jpeg", "image/jpeg", await source.clone().jpeg().toBuffer()],
    ["webp", "image/webp", await source.clone().webp().toBuffer()],
    ["gif", "image/gif", await source.clone().gif().toBuffer()],
    ["tiff", "image/tiff", await source.clone().tiff({ compression: "lzw" }).toBuffer()],
    ["avif", "image/avif", await source.clone().avif({ effort: 0 }).toBuffer()],
    ["bmp", "image/bmp", bmp24(await source.clone().raw().toBuffer({ resolveWithObject: true }))],
  ];
  const broken: NamedBytes[] = [];
  for (const [format, type, bytes] of encoded) {
    broken.push({ name: `truncated ${format}`, bytes: bytes.subarray(0, Math.floor(bytes.length / 2)), type });
    const garbled = Buffer.from(bytes);
    // Keep the magic number, garble what follows: dimensions, chunk lengths, box sizes.
    for (let i = 4; i < Math.min(40, garbled.length); i++) garbled[i] = (garbled[i] * 31 + 17) & 0xff;
    broken.push({ name: `corrupt-header ${format}`, bytes: garbled, type });
  }
  broken.push({ name: "decompression bomb (png declaring 50000x50000)", bytes: pngBomb(encoded[0][2]), type: "image/png" });
  broken.push({ name: "svg with external references", bytes: Buffer.from(svgWithExternalReferences), type: "image/svg+xml" });
  broken.push({ name: "zero-byte file", bytes: Buffer.alloc(0), type: "image/png" });
  broken.push({ name: "text claiming to be an image", bytes: Buffer.from("this is not an image at all"), type: "image/jpeg" });
  return broken;
}

const svgWithExternalReferences = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="640" height="480">
  <image xlink:href="http://127.0.0.1:1/external.png" width="640" height="480"/>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <text>&xxe;</text>
</svg>`;

/** A real PNG whose IHDR is re-stamped (with a valid CRC) to claim 50000 x 50000 pixels. */
function pngBomb(png: Buffer): Buffer {
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(50_000, 16);
  bomb.writeUInt32BE(50_000, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)) >>> 0, 29);
  return bomb;
}

function bmp24({ data, info }: { data: Buffer; info: { width: number; height: number } }): Buffer {
  const { width, height } = info;
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowBytes * height);
  out.write("BM", 0, "latin1");
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) out[54 + (height - 1 - y) * rowBytes + x * 3 + c] = data[(y * width + x) * 3 + (2 - c)];
  return out;
}
