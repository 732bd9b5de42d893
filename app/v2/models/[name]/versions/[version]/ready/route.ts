// GET /v2/models/{name}/versions/{version}/ready - readiness of one version
import * as api from "@/lib/api-contract/inference-protocol";
import { modelReadyRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelReadyRoute(api.v2ModelVersionReady);
