// POST /api/v1/analyze/multilingual - language of a text and of each of its segments, tokenisation statistics
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { analyzeMultilingual } from "@/lib/language/analyze-multilingual";
import { parseMultilingualRequest } from "@/lib/language/parse-multilingual-request";
import { multilingualResponseSchema } from "@/lib/language/schemas";

export const POST = withApi("POST /api/v1/analyze/multilingual", async (request) => {
  const input = await parseMultilingualRequest(request);
  const result = await analyzeMultilingual(input);
  return jsonResponse(multilingualResponseSchema.parse(result));
});
