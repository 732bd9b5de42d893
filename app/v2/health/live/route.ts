// GET /v2/health/live - Open Inference Protocol liveness (the process serves)
import { serverLiveRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = serverLiveRoute();
