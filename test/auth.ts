import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createApiKey } from "@/lib/auth/api-keys/create-key";
import { SESSION_COOKIE } from "@/lib/auth/principal";
import { scopesByRole, type Role, type Scope } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { insertUser } from "@/lib/db/queries/users";
import type { UserRow } from "@/lib/db/schema";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";

/**
 * Real accounts, keys and session cookies for route tests, made through the same code the app uses
 * (keys by createApiKey, cookies by next-auth's own encoder with the instance secret).
 */

export async function createTestUser({ role = "user", plan = role === "guest" ? "guest" : "pro" }: { role?: Role; plan?: string } = {}): Promise<UserRow> {
  const db = await getDb();
  return insertUser({
    db,
    values: {
      email: role === "guest" ? null : `${role}-${randomUUID()}@example.test`,
      name: `Test ${role}`,
      passwordHash: null,
      role,
      plan,
      githubId: null,
      expiresAt: role === "guest" ? new Date(Date.now() + 3_600_000) : null,
    },
  });
}

export interface TestKey {
  user: UserRow;
  key: string;
  id: string;
  authorization: string;
}

export async function createTestKey({
  role = "admin",
  scopes,
  plan,
  expires_at,
}: {
  role?: Role;
  scopes?: Scope[];
  plan?: string;
  expires_at?: string;
} = {}): Promise<TestKey> {
  const user = await createTestUser({ role, plan });
  const created = await createApiKey({
    db: await getDb(),
    owner: { id: user.id, role, plan: user.plan, email: user.email },
    request: { name: "test key", scopes: scopes ?? [...scopesByRole[role]], expires_at },
  });
  return { user, key: created.key, id: created.id, authorization: `Bearer ${created.key}` };
}

/** A session cookie for `userId`, as next-auth sets it after sign-in (http, so not the __Host- name). */
export async function sessionCookieFor(userId: string): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId }, secret: ensureAuthSecret(), salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}
