// GET /v2/models/{name} - model metadata: versions, platform, input and output tensors
import { modelMetadataRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = modelMetadataRoute("GET /v2/models/{name}");
