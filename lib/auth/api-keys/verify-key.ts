import "server-only";
import type { Database } from "../../db/client";
import { findApiKeyByHash, touchApiKeyLastUsed } from "../../db/queries/api-keys";
import { withoutDurableCommit } from "../../db/without-durable-commit";
import type { ApiKeyRow, UserRow } from "../../db/schema";
import { getEnv } from "../../env";
import { ApiError } from "../../errors";
import { TtlCache } from "../../ttl-cache";
import { hashApiKey, isWellFormedApiKey } from "./key-format";

/**
 * Verifies a bearer key: hash it, find the hash (through the unique index, cached for
 * API_KEY_CACHE_MS so a warm key costs no query), and refuse revoked or expired keys. Unknown keys
 * are never cached, so a bogus key and a near-miss of a real one take the same path and time.
 */

export interface VerifiedKey {
  key: ApiKeyRow;
  owner: UserRow;
}

const globalForKeys = globalThis as unknown as { insightKeyCache?: TtlCache<VerifiedKey> };
const cache = (globalForKeys.insightKeyCache ??= new TtlCache<VerifiedKey>(() => getEnv().API_KEY_CACHE_MS));

const invalid = () =>
  new ApiError("unauthorized", "The API key is not valid. Create one on the /keys page (or POST /api/v1/keys) and send it as `Authorization: Bearer <key>`.", {
    headers: { "www-authenticate": 'Bearer realm="insight-engine", error="invalid_token"' },
  });

export async function verifyApiKey({ db, presented, now = new Date() }: { db: Database; presented: string; now?: Date }): Promise<VerifiedKey> {
  const hash = hashApiKey(presented);
  let found = cache.get(hash);
  if (!found) {
    found = isWellFormedApiKey(presented) ? await findApiKeyByHash({ db, hash }) : undefined;
    if (!found) throw invalid();
    cache.set(hash, found);
  }
  if (found.key.revokedAt && found.key.revokedAt <= now) {
    throw new ApiError("unauthorized", "This API key has been revoked.", { headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
  }
  if (found.key.expiresAt && found.key.expiresAt <= now) {
    throw new ApiError("unauthorized", "This API key has expired: create a new one.", { headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
  }
  return found;
}

/** After a call: writes last-used at most once a minute per key (skipped while the cached time is recent). */
export async function recordKeyUse({ db, verified, now = new Date() }: { db: Database; verified: VerifiedKey; now?: Date }): Promise<void> {
  const last = verified.key.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - last < 60_000) return;
  verified.key.lastUsedAt = now;
  await withoutDurableCommit(db, (tx) => touchApiKeyLastUsed({ db: tx, id: verified.key.id, now }));
}

/** A revocation or rename on this instance takes effect here at once (others within API_KEY_CACHE_MS). */
export function forgetCachedKey(hash?: string): void {
  if (hash) cache.delete(hash);
  else cache.clear();
}
