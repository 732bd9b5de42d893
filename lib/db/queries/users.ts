import "server-only";
import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { isUuid } from "./is-uuid";
import { users, type UserRow } from "../schema";

/** Accounts and guests. E-mail addresses are compared lower-cased; callers pass them as typed. */

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail({ db, email }: { db: Database; email: string }): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return rows[0];
}

export async function findUserById({ db, id }: { db: Database; id: string }): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function insertUser({
  db,
  values,
}: {
  db: Database;
  values: Pick<typeof users.$inferInsert, "email" | "name" | "passwordHash" | "role" | "plan" | "githubId" | "expiresAt">;
}): Promise<UserRow> {
  const rows = await db
    .insert(users)
    .values({ ...values, email: values.email ? normalizeEmail(values.email) : null })
    .returning();
  return rows[0];
}

/**
 * Turns a guest into an account in place (same id, so what the guest did stays theirs). Only a row
 * that is still a guest is changed; returns undefined when it was not one (or no longer exists).
 */
export async function convertGuestToAccount({
  db,
  guestId,
  values,
}: {
  db: Database;
  guestId: string;
  values: { email: string; name: string | null; passwordHash: string; role: "user" | "admin"; plan: string };
}): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    // A new session version: the guest's session (whoever else holds a copy of its cookie) ends here.
    .set({ ...values, email: normalizeEmail(values.email), expiresAt: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, guestId), eq(users.role, "guest")))
    .returning();
  return rows[0];
}

export async function findUserByGithubId({ db, githubId }: { db: Database; githubId: string }): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.githubId, githubId)).limit(1);
  return rows[0];
}

export async function linkGithubAccount({ db, userId, githubId }: { db: Database; userId: string; githubId: string }): Promise<void> {
  await db
    .update(users)
    .set({ githubId })
    .where(and(eq(users.id, userId), isNull(users.githubId)));
}

/** Ends every session of the user issued so far (sign-out, password change): tokens carry the version they were issued with. */
export async function revokeSessions({ db, userId }: { db: Database; userId: string }): Promise<void> {
  if (!isUuid(userId)) return;
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** Makes an existing account (not a guest) an admin on the pro plan; returns it, or undefined when no account has the e-mail. */
export async function promoteToAdmin({ db, email }: { db: Database; email: string }): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ role: "admin", plan: "pro" })
    .where(and(eq(users.email, normalizeEmail(email)), ne(users.role, "guest")))
    .returning();
  return rows[0];
}

/** Deletes guests whose time is up, with everything they own (keys, history; usage rows lose the link). */
export async function deleteExpiredGuests({ db, now = new Date() }: { db: Database; now?: Date }): Promise<number> {
  const rows = await db
    .delete(users)
    .where(and(eq(users.role, "guest"), isNotNull(users.expiresAt), lt(users.expiresAt, now)))
    .returning({ id: users.id });
  return rows.length;
}

/** E-mail (or "guest") by user id, for the admin usage overview. */
export async function userLabels({ db, ids }: { db: Database; ids: string[] }): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email, role: users.role }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.email ?? r.role]));
}
