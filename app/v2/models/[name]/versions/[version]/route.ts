// GET /v2/models/{name}/versions/{version} - model metadata of one version
import { modelMetadataRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelMetadataRoute("GET /v2/models/{name}/versions/{version}");
