// POST /api/v1/analyze/document - OCR a page: lines, full text, language, key fields, and an answer to a query about it
import { analyzeDocument } from "@/lib/analyze/document/analyze-document";
import { parseDocumentRequest } from "@/lib/analyze/document/parse-document-request";
import { documentResponseSchema } from "@/lib/analyze/document/schemas";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi("POST /api/v1/analyze/document", async (request) => {
  const input = await parseDocumentRequest(request);
  const result = await analyzeDocument(input);
  return jsonResponse(documentResponseSchema.parse(result));
});
