// GET /v2/health/ready - Open Inference Protocol readiness: 200 when /api/ready would be
import { serverReadyRoute } from "@/app/v2/_oip/routes";

export const dynamic = "force-dynamic";

export const GET = serverReadyRoute();
