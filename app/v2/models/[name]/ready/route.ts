// GET /v2/models/{name}/ready - 200 when the model's session is loaded (or can be)
import * as api from "@/lib/api-contract/inference-protocol";
import { modelReadyRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelReadyRoute(api.v2ModelReady);
