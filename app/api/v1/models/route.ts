// GET /api/v1/models - every model with task, variant, size, availability, licence and source
import { listModels, modelListSchema } from "@/lib/models/list-models";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/models", auth: "public" }, async () => jsonResponse(modelListSchema.parse({ models: await listModels() })));
