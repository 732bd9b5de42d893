// GET /api/v1/usage/public?days=30 - instance-wide totals and latency (nothing about who), for the public dashboard
import { getDb } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { publicUsageSchema, usageQuerySchema } from "@/lib/usage/schemas";
import { publicUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/usage/public", auth: "public" }, async (request) => {
  const { days } = usageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return jsonResponse(publicUsageSchema.parse(await publicUsage({ db: await getDb(), days })));
});
