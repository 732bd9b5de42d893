import "server-only";
import type { Caller } from "../caller";
import { roleAllows } from "../roles";
import type { Database } from "../../db/client";
import { insertApiKey } from "../../db/queries/api-keys";
import { ApiError } from "../../errors";
import { generateApiKey } from "./key-format";
import { toKeyView, type CreateKeyRequest } from "./schemas";
import { forgetCachedKey } from "./verify-key";

/** Creates a key for `owner` with scopes its role allows; the plaintext key is in the answer and nowhere else. */
export async function createApiKey({ db, owner, request, now = new Date() }: { db: Database; owner: Caller; request: CreateKeyRequest; now?: Date }) {
  const refused = request.scopes.filter((scope) => !roleAllows(owner.role, scope));
  if (refused.length) {
    throw new ApiError("forbidden", `Your account (${owner.role}) cannot grant ${refused.map((s) => `\`${s}\``).join(", ")}.`, {
      errors: [{ field: "scopes", message: `not allowed for a ${owner.role} account: ${refused.join(", ")}` }],
    });
  }
  const expiresAt = request.expires_at ? new Date(request.expires_at) : null;
  if (expiresAt && expiresAt <= now) {
    throw new ApiError("invalid_input", "The expiry must be in the future.", { errors: [{ field: "expires_at", message: "must be in the future" }] });
  }
  const generated = generateApiKey();
  const row = await insertApiKey({
    db,
    values: {
      ownerId: owner.id,
      name: request.name,
      hash: generated.hash,
      displayForm: generated.displayForm,
      scopes: [...new Set(request.scopes)],
      expiresAt,
    },
  });
  forgetCachedKey(generated.hash);
  return { ...toKeyView(row, now), key: generated.key };
}
