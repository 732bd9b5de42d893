// POST /v2/models/{name}/versions/{version}/infer - inference on one version
import * as api from "@/lib/api-contract/inference-protocol";
import { inferRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const POST = inferRoute(api.v2VersionInfer);
