// GET /v2/models/{name}/versions/{version} - model metadata of one version
import * as api from "@/lib/api-contract/inference-protocol";
import { modelMetadataRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelMetadataRoute(api.v2ModelVersionMetadata);
