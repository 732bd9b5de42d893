import sharp from "sharp";

/** A photo as the classifier's input: shorter side 256, centre 224x224, ImageNet mean/std, NCHW (the manifest's spec). */
export async function classifierTensor(bytes: Buffer): Promise<Float32Array> {
  const decoded = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = 256 / Math.min(decoded.info.width, decoded.info.height);
  const [width, height] = [Math.max(224, Math.round(decoded.info.width * scale)), Math.max(224, Math.round(decoded.info.height * scale))];
  const { data, info } = await sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: 3 } })
    .resize(width, height, { fit: "fill", kernel: "linear" })
    .extract({ left: Math.floor((width - 224) / 2), top: Math.floor((height - 224) / 2), width: 224, height: 224 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  const out = new Float32Array(3 * 224 * 224);
  for (let i = 0; i < info.width * info.height; i++) for (let c = 0; c < 3; c++) out[c * 224 * 224 + i] = (data[i * 3 + c] / 255 - mean[c]) / std[c];
  return out;
}
