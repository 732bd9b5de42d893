// GET /api/v1/models - every model with task, variant, size, availability, licence and source, and the CPU's int8 features and remedy
import * as api from "@/lib/api-contract/models";
import { listInstanceModels } from "@/lib/instance/list-instance-models";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.listModels, async () => jsonResponse(await listInstanceModels()));
