// GET /api/v1/usage/public?days=30 - instance-wide totals and latency (nothing about who), for the public dashboard
import * as api from "@/lib/api-contract/accounts";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { publicUsageSchema } from "@/lib/usage/schemas";
import { publicUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi(api.publicUsage, async (_request, { input, database }) => {
  const { days } = input.query;
  return jsonResponse(publicUsageSchema.parse(await publicUsage({ db: await database(), days })));
});
