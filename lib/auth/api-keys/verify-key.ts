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
 * API_KEY_CACHE_MS so a warm key costs no query), and refuse revoked or expired keys.
 *
 * Timing: a key presented again is answered from memory whatever it is — a found key (revoked or
 * not) from the key cache, an unknown well-formed key from the cache of absent hashes — so repeating
 * a guess cannot tell a revoked key from a made-up one by its time (e2e/security.spec.ts measures the
 * three kinds). A malformed key never reaches the database. The absent-hash cache is bounded (the
 * oldest entry goes first) and a key created here is taken out of it; on another instance a new key's
 * hash cannot be in it unless someone presented the key before it existed (keys carry 256 random bits).
 */

export interface VerifiedKey {
  key: ApiKeyRow;
  owner: UserRow;
}

const globalForKeys = globalThis as unknown as { insightKeyCache?: TtlCache<VerifiedKey> };
const globalForAbsent = globalThis as unknown as { insightAbsentKeyCache?: TtlCache<true> };
const cache = (globalForKeys.insightKeyCache ??= new TtlCache<VerifiedKey>(() => getEnv().API_KEY_CACHE_MS));
const absent = (globalForAbsent.insightAbsentKeyCache ??= new TtlCache<true>(() => getEnv().API_KEY_CACHE_MS));

const invalid = () =>
  new ApiError("unauthorized", "The API key is not valid. Create one on the /keys page (or POST /api/v1/keys) and send it as `Authorization: Bearer <key>`.", {
    headers: { "www-authenticate": 'Bearer realm="insight-engine", error="invalid_token"' },
  });

export async function verifyApiKey({ db, presented, now = new Date() }: { db: Database; presented: string; now?: Date }): Promise<VerifiedKey> {
  const hash = hashApiKey(presented);
  let found = cache.get(hash);
  if (!found) {
    if (!isWellFormedApiKey(presented) || absent.get(hash)) throw invalid();
    found = await findApiKeyByHash({ db, hash });
    if (!found) {
      absent.set(hash, true);
      throw invalid();
    }
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
  if (hash) {
    cache.delete(hash);
    absent.delete(hash);
  } else {
    cache.clear();
    absent.clear();
  }
}
