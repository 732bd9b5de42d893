import { InvalidArgumentError } from "../../domain-errors";
import type { DecodedImage } from "../../inference/image/decode-image";
import { type InjectionMode, injectionModes } from "../classifier/injection-classifier-schema";
import { detectInjection, type InjectionDetection } from "../detect-injection";
import { classifyNsfw, type NsfwResult } from "../image/classify-nsfw";
import { detectPii } from "../pii/detect-pii";

/**
 * The CPU-bound safety layers as tasks a worker thread runs (lib/workers): the same functions the
 * event loop would call, with arguments and results that survive a structured clone. Run inline when
 * the pool is off, so both paths are one code. Each checks what it was sent, since a payload crosses
 * the boundary untyped: a wrong one is an argument error (4xx), wherever it ran.
 */

export interface TextChecks {
  detection: InjectionDetection;
  pii: ReturnType<typeof detectPii>;
}

/** Normaliser, signatures, the hashed n-gram network and the PII finders on one text. */
export async function checkText({ text, mode }: { text: string; mode: InjectionMode }): Promise<TextChecks> {
  if (typeof text !== "string") throw new InvalidArgumentError("The text to check must be a string.", { field: "text", message: "not a string" });
  if (!injectionModes.includes(mode))
    throw new InvalidArgumentError(`Unknown injection mode "${mode}"; one of ${injectionModes.join(", ")}.`, { field: "mode", message: "unknown mode" });
  const detection = await detectInjection(text, { mode });
  return { detection, pii: detectPii(text) };
}

/** NSFW MobileNetV2 on TF.js (WebAssembly kernels run on the calling thread). */
export function classifyImage(image: DecodedImage): Promise<NsfwResult> {
  const sent: Uint8Array = image.pixels;
  if (!(sent instanceof Uint8Array) || sent.byteLength !== image.width * image.height * 3)
    throw new InvalidArgumentError(`The pixels do not hold a ${image.width}x${image.height} RGB image.`, { field: "image", message: "wrong pixel count" });
  // A Buffer arrives in a worker as a plain Uint8Array: give sharp the Buffer view it was sent as.
  const pixels = Buffer.isBuffer(sent) ? sent : Buffer.from(sent.buffer, sent.byteOffset, sent.byteLength);
  return classifyNsfw({ ...image, pixels });
}

/** The table the worker pool is handed (safety-pool.ts); each thread loads it from this file. */
export const threadTasks = {
  "safety.checkText": checkText,
  "safety.classifyImage": classifyImage,
};
