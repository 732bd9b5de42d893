// GET /api/v1/usage/all?days=30 - every caller's usage, by user, key and endpoint (admin)
import * as api from "@/lib/api-contract/accounts";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { usageReportSchema } from "@/lib/usage/schemas";
import { instanceUsage } from "@/lib/usage/usage-views";

export const dynamic = "force-dynamic";

export const GET = withApi(api.allUsage, async (_request, { input, database }) => {
  const { days } = input.query;
  return jsonResponse(usageReportSchema.parse(await instanceUsage({ db: await database(), days })));
});
