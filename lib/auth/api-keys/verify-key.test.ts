import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import type { Database } from "../../db/client";
import { insertApiKey } from "../../db/queries/api-keys";
import { insertUser } from "../../db/queries/users";
import { apiKeys } from "../../db/schema";
import { ApiError } from "../../errors";
import { generateApiKey } from "./key-format";
import { forgetCachedKey, verifyApiKey } from "./verify-key";

/** The database with a count of the key lookups made through it (findApiKeyByHash is one `select`). */
function countingSelects(db: Database) {
  const counter = { selects: 0 };
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "select" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counter.selects++;
        return value.apply(target, args);
      };
    },
  });
  return { db: counted as Database, counter };
}

const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).status;
};

describe.each(databaseTargets)("API key verification timing paths on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("answers a repeated unknown key, a revoked key and a malformed key from memory, and a new key is found", async () => {
    forgetCachedKey();
    const { db, counter } = countingSelects(handle.db);
    const owner = await insertUser({
      db: handle.db,
      values: { email: "k@example.test", name: null, passwordHash: null, role: "user", plan: "free", githubId: null, expiresAt: null },
    });

    // Malformed: refused without a lookup.
    expect(await refused(verifyApiKey({ db, presented: "not-a-key" }))).toBe(401);
    expect(counter.selects).toBe(0);

    // Unknown but well-formed: one lookup, then answered from the absent-hash cache.
    const unknown = generateApiKey();
    expect(await refused(verifyApiKey({ db, presented: unknown.key }))).toBe(401);
    expect(counter.selects).toBe(1);
    expect(await refused(verifyApiKey({ db, presented: unknown.key }))).toBe(401);
    expect(counter.selects).toBe(1);

    // Revoked: one lookup, then from the key cache, and still refused.
    const revoked = generateApiKey();
    await insertApiKey({
      db: handle.db,
      values: { ownerId: owner.id, name: "r", hash: revoked.hash, displayForm: revoked.displayForm, scopes: ["analyze"], expiresAt: null },
    });
    await handle.db
      .update(apiKeys)
      .set({ revokedAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.hash, revoked.hash));
    expect(await refused(verifyApiKey({ db, presented: revoked.key }))).toBe(401);
    expect(await refused(verifyApiKey({ db, presented: revoked.key }))).toBe(401);
    expect(counter.selects).toBe(2);

    // A key whose hash sits in the absent cache becomes usable once it is forgotten (createApiKey does this).
    await insertApiKey({
      db: handle.db,
      values: { ownerId: owner.id, name: "late", hash: unknown.hash, displayForm: unknown.displayForm, scopes: ["analyze"], expiresAt: null },
    });
    expect(await refused(verifyApiKey({ db, presented: unknown.key }))).toBe(401);
    forgetCachedKey(unknown.hash);
    const verified = await verifyApiKey({ db, presented: unknown.key });
    expect(verified.owner.id).toBe(owner.id);
  });
});
