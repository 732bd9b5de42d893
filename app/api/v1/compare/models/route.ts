// POST /api/v1/compare/models - one image through each variant of a model family, side by side
import { compareVariants } from "@/lib/benchmarks/compare-variants";
import { compareRequestSchema, compareResponseSchema } from "@/lib/benchmarks/result-schema";
import { getEnv } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi({ route: "POST /api/v1/compare/models", auth: "key", scope: "analyze" }, async (request) => {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) throw new ApiError("unsupported_media_type", "Send the request as application/json.");
  // Base64 grows the image by a third, so the body limit is the image limit plus that.
  const raw = await readLimitedBody(request, Math.ceil(getEnv().MAX_BODY_BYTES * 1.4));
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = compareRequestSchema.parse(body);
  return jsonResponse(compareResponseSchema.parse(await compareVariants(parsed)));
});
