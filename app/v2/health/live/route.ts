// GET /v2/health/live - Open Inference Protocol liveness (the process serves)
import { serverLiveRoute } from "@/lib/inference/oip/routes";

export const dynamic = "force-dynamic";

export const GET = serverLiveRoute();
