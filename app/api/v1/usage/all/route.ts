// GET /api/v1/usage/all?days=30 - every caller's usage, by user, key and endpoint (admin)
import { getDb } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { usageQuerySchema, usageReportSchema } from "@/lib/usage/schemas";
import { instanceUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/usage/all", auth: "user", scope: "admin" }, async (request) => {
  const { days } = usageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return jsonResponse(usageReportSchema.parse(await instanceUsage({ db: await getDb(), days })));
});
