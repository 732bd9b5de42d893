import { z } from "zod";

/** The committed classifier file (models/safety/injection-classifier.json): fitted numbers only, no data. */
export const injectionClassifierSchema = z.object({
  format: z.literal("insight-injection-classifier/1"),
  features: z.object({
    embeddingModel: z.string(),
    embeddingDims: z.number().int().positive(),
    hashBuckets: z.number().int().positive(),
    ngrams: z.string(),
  }),
  logistic: z.object({
    denseWeights: z.array(z.number()),
    sparseWeights: z.array(z.number()),
    bias: z.number(),
  }),
  /** Platt-style stacker: p = sigmoid(signatureWeight * logit(signatureScore) + classifierWeight * classifierLogit + bias). */
  combiner: z.object({
    signatureWeight: z.number(),
    classifierWeight: z.number(),
    bias: z.number(),
    /** Combined probability at or above which a text is called an injection. */
    threshold: z.number().min(0).max(1),
  }),
  fitRecord: z.string(),
});
export type InjectionClassifier = z.infer<typeof injectionClassifierSchema>;
