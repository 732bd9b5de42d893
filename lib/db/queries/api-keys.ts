import "server-only";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../client";
import { isUuid } from "./is-uuid";
import { apiKeys, users, type ApiKeyRow, type UserRow } from "../schema";

/** API keys, always scoped to their owner except for the lookup by hash that authenticates a call. */

export async function insertApiKey({
  db,
  values,
}: {
  db: Database;
  values: Pick<typeof apiKeys.$inferInsert, "ownerId" | "name" | "hash" | "displayForm" | "scopes" | "expiresAt">;
}): Promise<ApiKeyRow> {
  const rows = await db.insert(apiKeys).values(values).returning();
  return rows[0];
}

export async function listApiKeys({ db, ownerId }: { db: Database; ownerId: string }): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.ownerId, ownerId)).orderBy(desc(apiKeys.createdAt));
}

export async function getApiKey({ db, ownerId, id }: { db: Database; ownerId: string; id: string }): Promise<ApiKeyRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.ownerId, ownerId)))
    .limit(1);
  return rows[0];
}

/** The key with this hash and its owner, or undefined. */
export async function findApiKeyByHash({ db, hash }: { db: Database; hash: string }): Promise<{ key: ApiKeyRow; owner: UserRow } | undefined> {
  const rows = await db
    .select({ key: apiKeys, owner: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  return rows[0];
}

export async function renameApiKey({ db, ownerId, id, name }: { db: Database; ownerId: string; id: string; name: string }): Promise<ApiKeyRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db
    .update(apiKeys)
    .set({ name })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.ownerId, ownerId)))
    .returning();
  return rows[0];
}

/** Revokes a key (idempotent: an already revoked key keeps its first revocation time). */
export async function revokeApiKey({
  db,
  ownerId,
  id,
  now = new Date(),
}: {
  db: Database;
  ownerId: string;
  id: string;
  now?: Date;
}): Promise<ApiKeyRow | undefined> {
  if (!isUuid(id)) return undefined;
  await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.ownerId, ownerId), isNull(apiKeys.revokedAt)));
  return getApiKey({ db, ownerId, id });
}

/** Records use at most once a minute per key (the condition makes concurrent writers cheap no-ops). */
export async function touchApiKeyLastUsed({ db, id, now = new Date() }: { db: Database; id: string; now?: Date }): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, aMinuteAgo))));
}

/** Names of keys by id (usage views name the keys they count). Scoped to one owner unless `ownerId` is null (admin). */
export async function keyNames({ db, ids, ownerId }: { db: Database; ids: string[]; ownerId: string | null }): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(and(inArray(apiKeys.id, ids), ownerId === null ? undefined : eq(apiKeys.ownerId, ownerId)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
