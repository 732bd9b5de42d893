// POST /api/v1/analyze/multilingual - language of a text and of each of its segments, tokenisation statistics
import * as api from "@/lib/api-contract/analyze";
import { keepAnalysis } from "@/lib/history/keep-analysis";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { analyzeMultilingual } from "@/lib/language/analyze-multilingual";
import { parseMultilingualRequest } from "@/lib/language/parse-multilingual-request";
import { multilingualResponseSchema } from "@/lib/language/schemas";

export const POST = withApi(api.analyzeMultilingual, async (_request, context) => {
  const input = parseMultilingualRequest(context.input.body);
  const result = multilingualResponseSchema.parse(await analyzeMultilingual(input));
  const { content, ...options } = input;
  keepAnalysis({
    db: context.db,
    principal: context.principal,
    analysis: { kind: "multilingual", title: content, request: { ...options, content_chars: content.length }, result },
  });
  return jsonResponse(result);
});
