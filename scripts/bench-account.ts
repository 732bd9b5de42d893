import { createApiKey } from "../lib/auth/api-keys/create-key";
import type { Scope } from "../lib/auth/roles";
import { insertUser } from "../lib/db/queries/users";

/**
 * The benchmarks' caller: a fresh database handle for the environment just set (DATA_DIR or
 * DATABASE_URL), a "pro" user on it and an API key with `scopes`. The handle cached on globalThis by
 * an earlier target is dropped first, so each target measures its own database.
 */
export async function seedBenchAccount(target: string, scopes: Scope[]) {
  (globalThis as unknown as { insightDb?: unknown }).insightDb = undefined;
  const { getDb } = await import("../lib/db/client");
  const db = await getDb();
  const user = await insertUser({
    db,
    values: { email: `bench-${target}@example.test`, name: null, passwordHash: null, role: "user", plan: "pro", githubId: null, expiresAt: null },
  });
  const { key } = await createApiKey({ db, owner: { id: user.id, role: "user", plan: "pro", email: user.email }, request: { name: "bench", scopes } });
  return { db, user, key };
}
