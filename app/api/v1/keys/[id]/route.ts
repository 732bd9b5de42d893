// PATCH /api/v1/keys/{id} - rename a key; DELETE - revoke it (effective on every instance within API_KEY_CACHE_MS)
import * as api from "@/lib/api-contract/accounts";
import { forgetCachedKey } from "@/lib/auth/api-keys/verify-key";
import { keyViewSchema, toKeyView } from "@/lib/auth/api-keys/schemas";
import { ownerIdOf } from "@/lib/auth/principal";
import { renameApiKey, revokeApiKey } from "@/lib/db/queries/api-keys";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const PATCH = withApi(api.renameKey, async (_request, { params, principal, input, database }) => {
  const { name } = input.body;
  const { id } = params;
  const row = await renameApiKey({ db: await database(), ownerId: ownerIdOf(principal), id, name });
  if (!row) notFound(`You have no API key with id "${id.slice(0, 64)}".`);
  forgetCachedKey(row.hash);
  return jsonResponse(keyViewSchema.parse(toKeyView(row)));
});

export const DELETE = withApi(api.revokeKey, async (_request, { params, principal, database }) => {
  const { id } = params;
  const row = await revokeApiKey({ db: await database(), ownerId: ownerIdOf(principal), id });
  if (!row) notFound(`You have no API key with id "${id.slice(0, 64)}".`);
  forgetCachedKey(row.hash);
  return jsonResponse(keyViewSchema.parse(toKeyView(row)));
});
