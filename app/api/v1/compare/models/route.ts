// POST /api/v1/compare/models - one image through each variant of a model family, side by side
import * as api from "@/lib/api-contract/analyze";
import { compareVariants } from "@/lib/benchmarks/compare-variants";
import { compareResponseSchema } from "@/lib/inference/measurement/result-schema";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi(api.compareModels, async (_request, { input }) =>
  jsonResponse(toSnakeCaseKeys(compareResponseSchema.parse(await compareVariants(input.body)))),
);
