// The response of POST /api/v1/analyze/document as the browser sees it (JSON, snake_case).
import type { DocumentResponse } from "@/lib/analyze/document/schemas";

type TaskSections = "key_fields" | "language" | "answer" | "injection" | "timings_ms";

/** The page asks for every task (it sends no `tasks`), so every section is present (`answer` is null without a query). */
export type DocumentResult = Omit<DocumentResponse, TaskSections> & { [K in TaskSections]-?: Exclude<DocumentResponse[K], undefined> } & {
  timings_ms: Required<DocumentResponse["timings_ms"]>;
};
export type DocumentLineView = DocumentResponse["lines"][number];
export type KeyFieldView = DocumentResult["key_fields"]["fields"][number];
export type DocumentAnswerView = NonNullable<DocumentResult["answer"]>;
