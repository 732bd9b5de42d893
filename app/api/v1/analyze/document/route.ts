// POST /api/v1/analyze/document - OCR a page: lines, full text, language, key fields, and an answer to a query about it
import { analyzeDocument } from "@/lib/analyze/document/analyze-document";
import { documentResponseSchema } from "@/lib/analyze/document/schemas";
import * as api from "@/lib/api-contract/analyze";
import { keepAnalysis } from "@/lib/history/keep-analysis";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi(api.analyzeDocument, async (_request, context) => {
  const imageBytes = context.input.upload!.files.document_image;
  const { keep_image, ...asked } = context.input.body;
  const result = documentResponseSchema.parse(await analyzeDocument({ imageBytes, ...asked, keep_image }));
  context.models.push(result.models.detection.id, result.models.recognition.id, result.models.direction.id);
  keepAnalysis({
    db: context.db,
    principal: context.principal,
    analysis: {
      kind: "document",
      title: asked.query ?? (result.full_text || "blank page"),
      request: asked,
      result,
      image: keep_image ? { bytes: imageBytes, type: `image/${result.image.format}` } : undefined,
    },
  });
  return jsonResponse(result);
});
