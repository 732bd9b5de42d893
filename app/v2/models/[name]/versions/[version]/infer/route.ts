// POST /v2/models/{name}/versions/{version}/infer - inference on one version
import { inferRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const POST = inferRoute("POST /v2/models/{name}/versions/{version}/infer");
