// GET /v2 - Open Inference Protocol server metadata: name, version, extensions
import { serverMetadataRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = serverMetadataRoute();
