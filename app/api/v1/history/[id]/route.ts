// GET /api/v1/history/{id} - one stored analysis with its answer; DELETE - delete it (and its image)
import * as api from "@/lib/api-contract/accounts";
import { ownerIdOf } from "@/lib/auth/principal";
import { deleteAnalysis, getAnalysis } from "@/lib/db/queries/analyses";
import { historyEntrySchema, toHistoryEntry } from "@/lib/history/schemas";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

function missing(id: string): never {
  notFound(`You have no stored analysis with id "${id.slice(0, 64)}".`);
}

export const GET = withApi(api.getHistoryEntry, async (_request, { params, principal, database }) => {
  const { id } = params;
  const row = await getAnalysis({ db: await database(), ownerId: ownerIdOf(principal), id });
  if (!row) missing(id);
  return jsonResponse(historyEntrySchema.parse(toHistoryEntry(row)));
});

export const DELETE = withApi(api.deleteHistoryEntry, async (_request, { params, principal, database }) => {
  const { id } = params;
  if (!(await deleteAnalysis({ db: await database(), ownerId: ownerIdOf(principal), id }))) missing(id);
  return new Response(null, { status: 204 });
});
