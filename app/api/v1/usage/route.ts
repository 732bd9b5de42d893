// GET /api/v1/usage?days=30 - the caller's own API usage: requests per day, p50/p95 latency, error rate, by endpoint and key
import * as api from "@/lib/api-contract/accounts";
import { ownerIdOf } from "@/lib/auth/principal";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { usageReportSchema } from "@/lib/usage/schemas";
import { ownUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi(api.ownUsage, async (_request, { principal, input, database }) => {
  const { days } = input.query;
  return jsonResponse(usageReportSchema.parse(await ownUsage({ db: await database(), userId: ownerIdOf(principal), days })));
});
