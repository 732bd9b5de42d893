import "server-only";
import { getDb } from "../db/client";
import { findUserById } from "../db/queries/users";
import { auth } from "./auth";
import type { Caller } from "./caller";
import { isLiveSession } from "./principal";
import { isRole } from "./roles";

/** The signed-in user of a page render (accounts and guests), or null; the database has the last word. */
export async function currentUser(): Promise<Caller | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const row = await findUserById({ db: await getDb(), id });
  // Gone, expired or revoked (signed out elsewhere, a guest who signed up): no user.
  if (!isLiveSession(row, (session as { sessionVersion?: number }).sessionVersion ?? 0)) return null;
  return { id: row.id, role: isRole(row.role) ? row.role : "guest", plan: row.plan, email: row.email };
}
