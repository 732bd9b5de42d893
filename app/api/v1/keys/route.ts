// POST /api/v1/keys - create an API key (the key is in this answer only); GET - the caller's keys
import * as api from "@/lib/api-contract/accounts";
import { createApiKey } from "@/lib/auth/api-keys/create-key";
import { createdKeySchema, keyListSchema, toKeyView } from "@/lib/auth/api-keys/schemas";
import { callerOf, ownerIdOf } from "@/lib/auth/principal";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const POST = withApi(api.createKey, async (_request, { principal, input, database }) => {
  const created = await createApiKey({ db: await database(), owner: callerOf(principal), request: input.body });
  return jsonResponse(createdKeySchema.parse(created), { status: 201, headers: { location: `/api/v1/keys/${created.id}` } });
});

export const GET = withApi(api.listKeys, async (_request, { principal, database }) => {
  const rows = await listApiKeys({ db: await database(), ownerId: ownerIdOf(principal) });
  return jsonResponse(keyListSchema.parse({ keys: rows.map((row) => toKeyView(row)) }));
});
