import { z } from "zod";

/**
 * The committed classifier file (models/safety/injection-classifier.json): fitted numbers only, no data.
 * Large arrays are little-endian float32 in base64 (a fifth of the size of JSON numbers).
 */
export const injectionClassifierSchema = z.object({
  format: z.literal("insight-injection-classifier/3"),
  features: z.object({
    hashBuckets: z.number().int().positive(),
    ngrams: z.string(),
    /** Names of the dense inputs, in order (signature family scores and the signature logit). */
    dense: z.array(z.string()),
  }),
  /** Per-bucket inverse document frequency, fitted on the same train rows (base64 float32). */
  idf: z.string(),
  /** The hashed n-gram network (lib/safety/classifier/hashed-mlp.ts). */
  network: z.object({
    dim: z.number().int().positive(),
    hidden: z.number().int().positive(),
    embedding: z.string(),
    w1: z.string(),
    b1: z.array(z.number()),
    w2: z.array(z.number()),
    b2: z.number(),
    skip: z.array(z.number()),
  }),
  /**
   * Logit thresholds, chosen on out-of-fold scores of the train split: `prompt` for text sent to a
   * model, `document` for text read from a page or image (judged as indirect injection, stricter about
   * false alarms because ordinary documents are full of instructions to people).
   */
  thresholds: z.object({
    prompt: z.number(),
    document: z.number(),
    /** Signature-layer scores that flag a text on their own, per mode (1 = never). */
    signature: z.object({ prompt: z.number(), document: z.number() }),
  }),
  fitRecord: z.string(),
});
export type InjectionClassifierFile = z.infer<typeof injectionClassifierSchema>;
export type InjectionMode = "prompt" | "document";
export const injectionModes = ["prompt", "document"] as const satisfies readonly InjectionMode[];

export function encodeFloats(values: ArrayLike<number>): string {
  const floats = Float32Array.from(values as ArrayLike<number>);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString("base64");
}

export function decodeFloats(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  return new Float32Array(aligned.buffer);
}
