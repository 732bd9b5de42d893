import "server-only";
import { z } from "zod";
import { getModelStore } from "./get-model-store";

export const modelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  task: z.string(),
  variant: z.string(),
  version: z.string(),
  runtime: z.string(),
  size_bytes: z.number(),
  available: z.boolean(),
  unavailable_reason: z.string().optional(),
  /** Where each file was found: npm, mirror, cache or download. */
  file_sources: z.array(z.object({ name: z.string(), source: z.string() })).optional(),
  license: z.string(),
  source: z.string(),
  description: z.string(),
  parent: z.string().optional(),
  recipe: z.record(z.string(), z.unknown()).optional(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** Every model the store knows (manifest and produced variants) with its availability on this instance. */
export async function listModels(): Promise<ModelSummary[]> {
  const store = getModelStore();
  return Promise.all(
    store.list().map(async (model) => {
      const availability = await store.resolve(model.id);
      return {
        id: model.id,
        name: model.name,
        family: model.family,
        task: model.task,
        variant: model.variant,
        version: model.version,
        runtime: model.runtime,
        size_bytes: model.files.reduce((sum, file) => sum + file.bytes, 0),
        available: availability.available,
        ...(availability.available
          ? { file_sources: availability.files.map((f) => ({ name: f.name, source: f.source })) }
          : { unavailable_reason: availability.reason }),
        license: model.license,
        source: model.source,
        description: model.description,
        ...(model.parent ? { parent: model.parent } : {}),
        ...(model.recipe ? { recipe: model.recipe } : {}),
      };
    }),
  );
}
