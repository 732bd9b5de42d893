// POST /v2/models/{name}/infer - Open Inference Protocol inference (JSON or binary tensor data)
import { inferRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const POST = inferRoute("POST /v2/models/{name}/infer");
