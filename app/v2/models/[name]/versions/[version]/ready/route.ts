// GET /v2/models/{name}/versions/{version}/ready - readiness of one version
import { modelReadyRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelReadyRoute("GET /v2/models/{name}/versions/{version}/ready");
