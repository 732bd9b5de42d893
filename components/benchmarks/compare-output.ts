import { z } from "zod";
import type { paths } from "@/lib/api-client/api-types";
import { compareResponseSchema as camelCaseSchema } from "@/lib/inference/measurement/result-schema";
import { snakeCaseSchema } from "@/lib/http/snake-case";

/**
 * The compare endpoint's answer as the browser reads it: validated, so a changed or broken answer
 * becomes a clear message instead of a blank panel. `output` depends on the task.
 */

export const detectionOutputSchema = z.object({
  image: z.object({ width: z.number(), height: z.number() }),
  objects: z.array(z.object({ label: z.string(), score: z.number(), box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }) })),
});
export const classificationOutputSchema = z.object({ labels: z.array(z.object({ label: z.string(), probability: z.number() })) });

/** The answer as the API sends it (snake_case), checked in the browser with the server's own schema. */
export const compareResponseSchema = snakeCaseSchema(camelCaseSchema) as z.ZodType<CompareAnswer>;
export type CompareAnswer = paths["/api/v1/compare/models"]["post"]["responses"][200]["content"]["application/json"];
export type ComparedVariant = CompareAnswer["variants"][number];
