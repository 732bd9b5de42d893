import "server-only";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import type { ImageInputSpec } from "../../models/manifest-schema";
import type { DecodedImage } from "./decode-image";

/**
 * Turns decoded RGB pixels into a model's input tensor exactly as its manifest entry says: resize
 * mode, interpolation, channel order, layout and normalisation. Returns the geometry needed to map
 * model coordinates back to the original image.
 */

export interface TensorGeometry {
  /** model_x = original_x * scaleX + offsetX (likewise y). */
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

export interface PreparedTensor {
  tensor: ort.Tensor;
  geometry: TensorGeometry;
  preprocessMs: number;
}

export async function imageToTensor(image: Pick<DecodedImage, "pixels" | "width" | "height">, spec: ImageInputSpec): Promise<PreparedTensor> {
  const startedAt = performance.now();
  const { pixels, geometry } = await resizeForModel(image, spec);
  const tensor = new ort.Tensor(
    "float32",
    pixelsToFloat(pixels, spec),
    spec.layout === "NCHW" ? [1, 3, spec.height, spec.width] : [1, spec.height, spec.width, 3],
  );
  return { tensor, geometry, preprocessMs: performance.now() - startedAt };
}

async function resizeForModel(
  image: Pick<DecodedImage, "pixels" | "width" | "height">,
  spec: ImageInputSpec,
): Promise<{ pixels: Buffer; geometry: TensorGeometry }> {
  const source = () => sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } });
  const kernel = spec.interpolation === "linear" ? "linear" : spec.interpolation === "cubic" ? "cubic" : spec.interpolation;
  const { resize } = spec;
  if (resize.mode === "center-crop") {
    const scale = resize.shorterSide / Math.min(image.width, image.height);
    const resizedWidth = Math.max(spec.width, Math.round(image.width * scale));
    const resizedHeight = Math.max(spec.height, Math.round(image.height * scale));
    const left = Math.floor((resizedWidth - spec.width) / 2);
    const top = Math.floor((resizedHeight - spec.height) / 2);
    const pixels = await source()
      .resize(resizedWidth, resizedHeight, { fit: "fill", kernel })
      .extract({ left, top, width: spec.width, height: spec.height })
      .raw()
      .toBuffer();
    return { pixels, geometry: { scaleX: resizedWidth / image.width, scaleY: resizedHeight / image.height, offsetX: -left, offsetY: -top } };
  }
  if (resize.mode === "letterbox") {
    const ratio = Math.min(spec.width / image.width, spec.height / image.height);
    const innerWidth = Math.max(1, Math.round(image.width * ratio));
    const innerHeight = Math.max(1, Math.round(image.height * ratio));
    const padX = spec.width - innerWidth;
    const padY = spec.height - innerHeight;
    const left = resize.align === "center" ? Math.floor(padX / 2) : 0;
    const top = resize.align === "center" ? Math.floor(padY / 2) : 0;
    const pad = resize.padValue;
    const pixels = await source()
      .resize(innerWidth, innerHeight, { fit: "fill", kernel })
      .extend({ left, top, right: padX - left, bottom: padY - top, background: { r: pad, g: pad, b: pad } })
      .raw()
      .toBuffer();
    return { pixels, geometry: { scaleX: innerWidth / image.width, scaleY: innerHeight / image.height, offsetX: left, offsetY: top } };
  }
  const pixels = await source().resize(spec.width, spec.height, { fit: "fill", kernel }).raw().toBuffer();
  return { pixels, geometry: { scaleX: spec.width / image.width, scaleY: spec.height / image.height, offsetX: 0, offsetY: 0 } };
}

/** Interleaved RGB bytes -> normalised floats in the model's layout and channel order. */
export function pixelsToFloat(pixels: Buffer, spec: ImageInputSpec): Float32Array {
  const area = spec.width * spec.height;
  const out = new Float32Array(area * 3);
  // Source channel feeding each output channel: RGB keeps 0,1,2; BGR reverses.
  const order = spec.channels === "RGB" ? [0, 1, 2] : [2, 1, 0];
  const factor = order.map((_, c) => spec.scale / spec.std[c]);
  const shift = order.map((_, c) => spec.mean[c] / spec.std[c]);
  for (let c = 0; c < 3; c++) {
    const sourceChannel = order[c];
    const f = factor[c];
    const b = shift[c];
    if (spec.layout === "NCHW") {
      const plane = c * area;
      for (let i = 0; i < area; i++) out[plane + i] = pixels[i * 3 + sourceChannel] * f - b;
    } else {
      for (let i = 0; i < area; i++) out[i * 3 + c] = pixels[i * 3 + sourceChannel] * f - b;
    }
  }
  return out;
}

/** Maps a box in model coordinates back to the original image, clipped to its bounds. */
export function boxToOriginal(box: { x1: number; y1: number; x2: number; y2: number }, geometry: TensorGeometry, image: { width: number; height: number }) {
  const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return {
    x1: clip((box.x1 - geometry.offsetX) / geometry.scaleX, image.width),
    y1: clip((box.y1 - geometry.offsetY) / geometry.scaleY, image.height),
    x2: clip((box.x2 - geometry.offsetX) / geometry.scaleX, image.width),
    y2: clip((box.y2 - geometry.offsetY) / geometry.scaleY, image.height),
  };
}
