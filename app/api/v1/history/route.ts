// GET /api/v1/history?limit=50&before=… - the caller's recent analyses, newest first (answers only)
import { ownerIdOf } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { listAnalyses } from "@/lib/db/queries/analyses";
import { historyListSchema, historyQuerySchema, toHistoryItem } from "@/lib/history/schemas";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/history", auth: "key" }, async (request, { principal }) => {
  const query = historyQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listAnalyses({ db: await getDb(), ownerId: ownerIdOf(principal), limit: query.limit, before: query.before ? new Date(query.before) : undefined });
  return jsonResponse(historyListSchema.parse({ analyses: rows.map(toHistoryItem) }));
});
