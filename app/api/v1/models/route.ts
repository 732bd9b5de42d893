// GET /api/v1/models - every model with task, variant, size, availability, licence and source, and the CPU's int8 features and remedy
import { listInstanceModels } from "@/lib/instance/list-instance-models";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/models", auth: "public" }, async () => jsonResponse(await listInstanceModels()));
