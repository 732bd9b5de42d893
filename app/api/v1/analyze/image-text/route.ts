// POST /api/v1/analyze/image-text - labels, objects, image facts and how well a text matches the image
import { analyzeImageText } from "@/lib/analyze/image-text/analyze-image-text";
import { imageTextRequestSchema, imageTextResponseSchema } from "@/lib/analyze/image-text/schema";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { readRequestBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { keepAnalysis } from "@/lib/history/keep-analysis";

export const POST = withApi({ route: "POST /api/v1/analyze/image-text", auth: "key", scope: "analyze" }, async (request, context) => {
  const body = await readRequestBody(request, { maxBytes: getEnv().MAX_BODY_BYTES, fileFields: ["image"] });
  const image = body.files.image;
  if (!image) {
    throw new ApiError("invalid_input", "An image is required: a file part named image, or a base64 / data-URL string in JSON.", {
      errors: [{ field: "image", message: "required" }],
    });
  }
  const parsed = imageTextRequestSchema.parse(body.values);
  const result = imageTextResponseSchema.parse(await analyzeImageText({ image, request: parsed, requestId: context.requestId }));
  context.models.push(...result.models.map((m) => m.id));
  const { keep_image, ...asked } = parsed;
  keepAnalysis({
    db: context.db,
    principal: context.principal,
    analysis: { kind: "image-text", title: parsed.text, request: asked, result, image: keep_image ? { bytes: image, type: `image/${result.image.format}` } : undefined },
  });
  return jsonResponse(result);
});
