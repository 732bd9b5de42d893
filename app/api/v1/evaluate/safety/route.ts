// POST /api/v1/evaluate/safety - prompt injection, PII, NSFW and text hidden in images, with evidence
import * as api from "@/lib/api-contract/safety";
import { keepAnalysis } from "@/lib/history/keep-analysis";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { evaluateSafety } from "@/lib/safety/evaluate-safety";
import { safetyResponseSchema } from "@/lib/safety/schemas";

export const POST = withApi(api.evaluateSafety, async (_request, context) => {
  const parsed = context.input.body;
  const image = context.input.upload!.files.image as Buffer | undefined;
  const result = safetyResponseSchema.parse(await evaluateSafety({ contentType: parsed.content_type, prompt: parsed.prompt, image }));
  const asked = { content_type: parsed.content_type, prompt_chars: parsed.prompt?.length ?? 0, image_bytes: image?.length ?? 0 };
  keepAnalysis({ db: context.db, principal: context.principal, analysis: { kind: "safety", title: parsed.prompt ?? "image", request: asked, result } });
  return jsonResponse(result);
});
