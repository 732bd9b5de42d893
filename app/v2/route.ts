// GET /v2 - Open Inference Protocol server metadata: name, version, extensions
import { serverMetadataRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = serverMetadataRoute();
