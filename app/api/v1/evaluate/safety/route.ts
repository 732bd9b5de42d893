// POST /api/v1/evaluate/safety - prompt injection, PII, NSFW and text hidden in images, with evidence
import { getEnv } from "@/lib/env";
import { readRequestBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { evaluateSafety } from "@/lib/safety/evaluate-safety";
import { safetyRequestSchema, safetyResponseSchema } from "@/lib/safety/schemas";

export const POST = withApi("POST /api/v1/evaluate/safety", async (request) => {
  const body = await readRequestBody(request, { maxBytes: getEnv().MAX_BODY_BYTES, fileFields: ["image"] });
  const parsed = safetyRequestSchema.parse(body.values);
  const result = await evaluateSafety({ contentType: parsed.content_type, prompt: parsed.prompt, image: body.files.image });
  return jsonResponse(safetyResponseSchema.parse(result));
});
