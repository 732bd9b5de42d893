import { z } from "zod";
import { compareResponseSchema } from "@/lib/benchmarks/result-schema";

/**
 * The compare endpoint's answer as the browser reads it: validated, so a changed or broken answer
 * becomes a clear message instead of a blank panel. `output` depends on the task.
 */

export const detectionOutputSchema = z.object({
  image: z.object({ width: z.number(), height: z.number() }),
  objects: z.array(z.object({ label: z.string(), score: z.number(), box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }) })),
});
export const classificationOutputSchema = z.object({ labels: z.array(z.object({ label: z.string(), probability: z.number() })) });

export { compareResponseSchema };
export type CompareAnswer = z.infer<typeof compareResponseSchema>;
export type ComparedVariant = CompareAnswer["variants"][number];
export type DetectionOutput = z.infer<typeof detectionOutputSchema>;
export type ClassificationOutput = z.infer<typeof classificationOutputSchema>;
