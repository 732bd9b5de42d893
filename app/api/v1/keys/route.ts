// POST /api/v1/keys - create an API key (the key is in this answer only); GET - the caller's keys
import { createApiKey } from "@/lib/api-keys/create-key";
import { createdKeySchema, createKeyRequestSchema, keyListSchema, toKeyView } from "@/lib/api-keys/schemas";
import { callerOf, ownerIdOf } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { readJsonBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const POST = withApi({ route: "POST /api/v1/keys", auth: "session" }, async (request, { principal }) => {
  const body = createKeyRequestSchema.parse(await readJsonBody(request, 8 * 1024));
  const created = await createApiKey({ db: await getDb(), owner: callerOf(principal), request: body });
  return jsonResponse(createdKeySchema.parse(created), { status: 201, headers: { location: `/api/v1/keys/${created.id}` } });
});

export const GET = withApi({ route: "GET /api/v1/keys", auth: "session" }, async (_request, { principal }) => {
  const rows = await listApiKeys({ db: await getDb(), ownerId: ownerIdOf(principal) });
  return jsonResponse(keyListSchema.parse({ keys: rows.map((row) => toKeyView(row)) }));
});
