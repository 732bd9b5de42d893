// POST /api/v1/evaluate/safety - prompt injection, PII, NSFW and text hidden in images, with evidence
import { getEnv } from "@/lib/env";
import { readRequestBody } from "@/lib/http/read-request-body";
import { keepAnalysis } from "@/lib/history/keep-analysis";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { evaluateSafety } from "@/lib/safety/evaluate-safety";
import { safetyRequestSchema, safetyResponseSchema } from "@/lib/safety/schemas";

export const POST = withApi({ route: "POST /api/v1/evaluate/safety", auth: "key", scope: "safety" }, async (request, context) => {
  const body = await readRequestBody(request, { maxBytes: getEnv().MAX_BODY_BYTES, fileFields: ["image"] });
  const parsed = safetyRequestSchema.parse(body.values);
  const result = safetyResponseSchema.parse(await evaluateSafety({ contentType: parsed.content_type, prompt: parsed.prompt, image: body.files.image }));
  const asked = { content_type: parsed.content_type, prompt_chars: parsed.prompt?.length ?? 0, image_bytes: body.files.image?.length ?? 0 };
  keepAnalysis({ db: context.db, principal: context.principal, analysis: { kind: "safety", title: parsed.prompt ?? "image", request: asked, result } });
  return jsonResponse(result);
});
