// GET /v2/models/{name}/ready - 200 when the model's session is loaded (or can be)
import { modelReadyRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelReadyRoute("GET /v2/models/{name}/ready");
