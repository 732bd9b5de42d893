// GET /api/v1/usage?days=30 - the caller's own API usage: requests per day, p50/p95 latency, error rate, by endpoint and key
import { ownerIdOf } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { usageQuerySchema, usageReportSchema } from "@/lib/usage/schemas";
import { ownUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/usage", auth: "user" }, async (request, { principal }) => {
  const { days } = usageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return jsonResponse(usageReportSchema.parse(await ownUsage({ db: await getDb(), userId: ownerIdOf(principal), days })));
});
