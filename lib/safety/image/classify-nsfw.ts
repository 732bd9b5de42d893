import "server-only";
import sharp from "sharp";
import type { DecodedImage } from "../../inference/image/decode-image";
import { loadNsfwModel, NSFW_INPUT_SIZE } from "./load-nsfw-model";

/**
 * Classifies an image as Drawing, Hentai, Neutral, Porn or Sexy. The image is resized here with sharp
 * (to the model's 224x224, stretched as nsfwjs does) so TF.js only sees a small tensor. The unsafe
 * probability counts Porn and Hentai fully and Sexy at half weight (suggestive, not explicit).
 */

export interface NsfwResult {
  available: boolean;
  reason?: string;
  /** 0..1: how likely the image is explicit. */
  unsafeProbability: number;
  classes: { label: string; probability: number }[];
  classifyMs: number;
}

export async function classifyNsfw(image: DecodedImage): Promise<NsfwResult> {
  const startedAt = performance.now();
  const loaded = await loadNsfwModel();
  if (!loaded.available) return { available: false, reason: loaded.reason, unsafeProbability: 0, classes: [], classifyMs: 0 };
  const { model, tf } = loaded.runtime;
  const resized = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, { fit: "fill" })
    .raw()
    .toBuffer();
  const input = tf.tensor3d(new Int32Array(resized), [NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, 3], "int32");
  try {
    const predictions = await model.classify(input, 5);
    const classes = predictions.map((p) => ({ label: p.className, probability: p.probability }));
    const p = (label: string) => classes.find((c) => c.label === label)?.probability ?? 0;
    const unsafeProbability = Math.min(1, p("Porn") + p("Hentai") + 0.5 * p("Sexy"));
    return { available: true, unsafeProbability, classes, classifyMs: performance.now() - startedAt };
  } finally {
    input.dispose();
  }
}
