import "server-only";
import type { Database } from "../db/client";
import { insertUser } from "../db/queries/users";
import type { UserRow } from "../db/schema";
import { getEnv } from "../env";

/**
 * A visitor who has not signed up tries the tools as a guest: a users row with the guest role and
 * plan (the tightest limits) that expires after GUEST_TTL_HOURS, taking its history with it.
 */
export async function createGuest({ db, now = new Date() }: { db: Database; now?: Date }): Promise<UserRow> {
  const expiresAt = new Date(now.getTime() + getEnv().GUEST_TTL_HOURS * 3_600_000);
  return insertUser({ db, values: { email: null, name: "Guest", passwordHash: null, role: "guest", plan: "guest", githubId: null, expiresAt } });
}
