import { z } from "zod";

const logisticSchema = z.object({ weights: z.array(z.number()), bias: z.number() });

/** The committed classifier file (models/safety/injection-classifier.json): fitted numbers only, no data. */
export const injectionClassifierSchema = z.object({
  format: z.literal("insight-injection-classifier/2"),
  features: z.object({
    embeddingModel: z.string(),
    embeddingDims: z.number().int().positive(),
    hashBuckets: z.number().int().positive(),
    ngrams: z.string(),
  }),
  /** Logistic regression over hashed TF-IDF n-grams; idf is per bucket, fitted on the same rows. */
  ngram: logisticSchema.extend({ idf: z.array(z.number()) }),
  /** Logistic regression over the sentence embedding. */
  embedding: logisticSchema,
  /**
   * Stacker: p = sigmoid(signatureWeight * logit(signatureScore) + ngramWeight * ngramLogit +
   * embeddingWeight * embeddingLogit + bias), its bias shifted so the chosen operating point is `threshold`.
   */
  combiner: z.object({
    signatureWeight: z.number(),
    ngramWeight: z.number(),
    embeddingWeight: z.number(),
    bias: z.number(),
    /** Combined probability at or above which a text is called an injection. */
    threshold: z.number().min(0).max(1),
  }),
  fitRecord: z.string(),
});
export type InjectionClassifier = z.infer<typeof injectionClassifierSchema>;
export type InjectionCombiner = InjectionClassifier["combiner"];
