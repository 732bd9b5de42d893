// The response shape of POST /api/v1/analyze/image-text as the browser sees it (JSON, snake_case).
import type { ImageTextResponse } from "@/lib/analyze/image-text/schema";

export type AnalysisResult = ImageTextResponse;
export type DetectedItem = Extract<ImageTextResponse["objects"], { available: true }>["items"][number];
export type RelationTerm = ImageTextResponse["relation"]["terms"][number];
