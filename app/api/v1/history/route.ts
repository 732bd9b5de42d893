// GET /api/v1/history?limit=50&before=… - the caller's recent analyses, newest first (answers only)
import * as api from "@/lib/api-contract/accounts";
import { ownerIdOf } from "@/lib/auth/principal";
import { listAnalyses } from "@/lib/db/queries/analyses";
import { historyListSchema, toHistoryItem } from "@/lib/history/schemas";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.listHistory, async (_request, { principal, input, database }) => {
  const query = input.query;
  const rows = await listAnalyses({
    db: await database(),
    ownerId: ownerIdOf(principal),
    limit: query.limit,
    before: query.before ? new Date(query.before) : undefined,
  });
  return jsonResponse(historyListSchema.parse({ analyses: rows.map(toHistoryItem) }));
});
