// The response of POST /api/v1/analyze/multilingual as the browser sees it (JSON, snake_case).
import type { MultilingualResponse } from "@/lib/language/schemas";

export type MultilingualResult = MultilingualResponse;
export type LanguageSegment = MultilingualResponse["segments"][number];
export type LanguageResult = NonNullable<MultilingualResponse["language"]>;
