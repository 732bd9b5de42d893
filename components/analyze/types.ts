// The response shape of POST /api/v1/analyze/image-text as the browser sees it (JSON, snake_case).
import type { ImageTextResponse } from "@/lib/analyze/image-text/schema";

type TaskSections = "labels" | "objects" | "text_in_image" | "relation" | "safety";

/** The page asks for every task (it sends no `tasks`), so every section and every image fact is present. */
export type AnalysisResult = Omit<ImageTextResponse, TaskSections | "image"> & { [K in TaskSections]-?: NonNullable<ImageTextResponse[K]> } & {
  image: Required<ImageTextResponse["image"]>;
};
export type DetectedItem = Extract<AnalysisResult["objects"], { available: true }>["items"][number];
export type RelationTerm = AnalysisResult["relation"]["terms"][number];
