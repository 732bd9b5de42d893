// POST /api/v1/analyze/image-text - labels, objects, image facts and how well a text matches the image
import { analyzeImageText } from "@/lib/analyze/image-text/analyze-image-text";
import { imageTextResponseSchema } from "@/lib/analyze/image-text/schema";
import * as api from "@/lib/api-contract/analyze";
import { keepAnalysis } from "@/lib/history/keep-analysis";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi(api.analyzeImageText, async (_request, context) => {
  const image = context.input.upload!.files.image;
  const asked = context.input.body;
  const result = imageTextResponseSchema.parse(await analyzeImageText({ image, request: asked, requestId: context.requestId }));
  context.models.push(...result.models.map((m) => m.id));
  const { keep_image, ...request } = asked;
  keepAnalysis({
    db: context.db,
    principal: context.principal,
    analysis: {
      kind: "image-text",
      title: asked.text,
      request,
      result,
      image: keep_image ? { bytes: image, type: `image/${result.image.format}` } : undefined,
    },
  });
  return jsonResponse(result);
});
