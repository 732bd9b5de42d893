import { describe, expect, it } from "vitest";
import { cropLine } from "./crop-line";
import type { Quad } from "./quad-geometry";
import type { RgbImage } from "./rgb-image";

// The straightforward form of the crop (one bilinear patch point and one bilinear read per sub-sample), as it was
// before the inner loop was flattened: the fast crop must give the same pixels.
function referenceCrop(image: RgbImage, q: Quad, outHeight: number, outWidth: number, k: number): Buffer {
  const out = Buffer.alloc(outWidth * outHeight * 3);
  const [p0, p1, p2, p3] = q;
  const read = (x: number, y: number, c: number) => {
    const cx = Math.min(Math.max(x, 0), image.width - 1);
    const cy = Math.min(Math.max(y, 0), image.height - 1);
    const x0 = Math.floor(cx);
    const y0 = Math.floor(cy);
    const x1 = Math.min(x0 + 1, image.width - 1);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const at = (px: number, py: number) => image.pixels[(py * image.width + px) * 3 + c];
    const top = at(x0, y0) * (1 - (cx - x0)) + at(x1, y0) * (cx - x0);
    const bottom = at(x0, y1) * (1 - (cx - x0)) + at(x1, y1) * (cx - x0);
    return top * (1 - (cy - y0)) + bottom * (cy - y0);
  };
  for (let v = 0; v < outHeight; v++)
    for (let u = 0; u < outWidth; u++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let sv = 0; sv < k; sv++)
          for (let su = 0; su < k; su++) {
            const t = (v + (sv + 0.5) / k) / outHeight;
            const s = (u + (su + 0.5) / k) / outWidth;
            const x = (1 - s) * (1 - t) * p0[0] + s * (1 - t) * p1[0] + s * t * p2[0] + (1 - s) * t * p3[0];
            const y = (1 - s) * (1 - t) * p0[1] + s * (1 - t) * p1[1] + s * t * p2[1] + (1 - s) * t * p3[1];
            sum += read(x - 0.5, y - 0.5, c);
          }
        out[(v * outWidth + u) * 3 + c] = Math.round(sum / (k * k));
      }
  return out;
}

function noiseImage(width: number, height: number): RgbImage {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed & 0xff;
  }
  return { pixels, width, height };
}

describe("cropLine", () => {
  const image = noiseImage(120, 80);
  const cases: { name: string; quad: Quad; maxWidth: number }[] = [
    {
      name: "an upscaled axis-aligned line",
      quad: [
        [10, 10],
        [90, 10],
        [90, 30],
        [10, 30],
      ],
      maxWidth: 1000,
    },
    {
      name: "a tilted line",
      quad: [
        [5, 20],
        [100, 35],
        [97, 55],
        [2, 40],
      ],
      maxWidth: 1000,
    },
    {
      name: "a line shrunk with sub-samples",
      quad: [
        [0, 0],
        [119, 0],
        [119, 79],
        [0, 79],
      ],
      maxWidth: 20,
    },
    {
      name: "a line reaching past the border",
      quad: [
        [-8, -5],
        [130, -5],
        [130, 12],
        [-8, 12],
      ],
      maxWidth: 1000,
    },
  ];
  for (const { name, quad, maxWidth } of cases) {
    it(`gives the reference crop's pixels for ${name}`, () => {
      const crop = cropLine(image, quad, 16, maxWidth);
      const lineWidth = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
      const lineHeight = Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]);
      const k = Math.min(4, Math.max(1, Math.ceil(Math.max(lineWidth / crop.width, lineHeight / crop.height))));
      const reference = referenceCrop(image, quad, 16, crop.width, k);
      let worst = 0;
      for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(reference[i] - crop.pixels[i]));
      // Sums in another order may round a value that sits on .5 the other way; never more.
      expect(worst).toBeLessThanOrEqual(1);
    });
  }

  it("reads the same pixels backwards when turned by 180 degrees", () => {
    const quad: Quad = [
      [10, 10],
      [90, 10],
      [90, 30],
      [10, 30],
    ];
    const upright = cropLine(image, quad, 16, 1000);
    const turned = cropLine(image, quad, 16, 1000, true);
    const at = (crop: typeof upright, x: number, y: number) => crop.pixels[(y * crop.width + x) * 3];
    expect(at(turned, 0, 0)).toBe(at(upright, upright.width - 1, 15));
    expect(at(turned, 5, 3)).toBe(at(upright, upright.width - 6, 12));
  });
});
