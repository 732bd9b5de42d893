// The response of POST /api/v1/analyze/document as the browser sees it (JSON, snake_case).
import type { DocumentResponse } from "@/lib/analyze/document/schemas";

export type DocumentResult = DocumentResponse;
export type DocumentLineView = DocumentResponse["lines"][number];
export type KeyFieldView = DocumentResponse["key_fields"]["fields"][number];
export type DocumentAnswerView = NonNullable<DocumentResponse["answer"]>;
