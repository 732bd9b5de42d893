import type { paths } from "./api-types";

/**
 * The analysis pages' answers as the browser sees them (JSON, snake_case), taken from the types
 * generated from the OpenAPI document (`npm run api:types`), so the UI reads the shapes the API
 * documents rather than the server's own schemas.
 */

type JsonAnswer<P extends keyof paths> = paths[P] extends { post: { responses: { 200: { content: { "application/json": infer Body } } } } } ? Body : never;

type ImageTextResponse = JsonAnswer<"/api/v1/analyze/image-text">;
type DocumentResponse = JsonAnswer<"/api/v1/analyze/document">;
type MultilingualResponse = JsonAnswer<"/api/v1/analyze/multilingual">;

// POST /api/v1/analyze/image-text. The page asks for every task (it sends no `tasks`), so every
// section and every image fact is present.
type ImageTextSections = "labels" | "objects" | "text_in_image" | "relation" | "safety";
export type AnalysisResult = Omit<ImageTextResponse, ImageTextSections | "image"> & { [K in ImageTextSections]-?: NonNullable<ImageTextResponse[K]> } & {
  image: Required<ImageTextResponse["image"]>;
};
export type RelationTerm = AnalysisResult["relation"]["terms"][number];

// POST /api/v1/analyze/document. Every section is present (`answer` is null without a query).
type DocumentSections = "key_fields" | "language" | "answer" | "injection" | "timings_ms";
export type DocumentResult = Omit<DocumentResponse, DocumentSections> & { [K in DocumentSections]-?: Exclude<DocumentResponse[K], undefined> } & {
  timings_ms: Required<DocumentResponse["timings_ms"]>;
};
export type DocumentLineView = DocumentResponse["lines"][number];
export type KeyFieldView = DocumentResult["key_fields"]["fields"][number];
export type DocumentAnswerView = NonNullable<DocumentResult["answer"]>;

// POST /api/v1/analyze/multilingual.
export type MultilingualResult = MultilingualResponse;
export type LanguageSegment = MultilingualResponse["segments"][number];
