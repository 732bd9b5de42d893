// POST /v2/models/{name}/infer - Open Inference Protocol inference (JSON or binary tensor data)
import * as api from "@/lib/api-contract/inference-protocol";
import { inferRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const POST = inferRoute(api.v2Infer);
