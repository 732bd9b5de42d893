import "server-only";
import type { Database } from "../db/client";
import { promoteToAdmin } from "../db/queries/users";
import type { UserRow } from "../db/schema";

/**
 * The only way an account becomes admin: the operator, who can run commands on the instance's
 * machine, names it (`npm run admin -- --email …`, scripts/make-admin.ts). The account signs up
 * first, as anyone does; its next request is an admin's (after the few seconds a session's user may
 * be cached, API_KEY_CACHE_MS). Returns undefined when no account (guests excluded) has the e-mail.
 */
export async function makeAdmin({ db, email }: { db: Database; email: string }): Promise<UserRow | undefined> {
  return promoteToAdmin({ db, email });
}
