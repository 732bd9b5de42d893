import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client";
import { convertGuestToAccount, countAccounts, findUserByEmail, insertUser, normalizeEmail } from "../db/queries/users";
import type { UserRow } from "../db/schema";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./passwords";
import type { Role } from "./roles";

export const signUpRequestSchema = z.strictObject({
  email: z.string().trim().max(254).email("must be an e-mail address"),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
  name: z.string().trim().min(1).max(100).optional(),
});
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

// Serialises sign-ups so that "the first account is admin" holds even when two arrive at once.
const SIGN_UP_LOCK_KEY = 7_411_502_031;

/**
 * Creates an account. The first account, and the one whose e-mail is ADMIN_EMAIL, is admin. A guest
 * who signs up keeps their id, and so their history.
 */
export async function signUp({ db, request, guestId }: { db: Database; request: SignUpRequest; guestId?: string }): Promise<UserRow> {
  const passwordHash = await hashPassword(request.password);
  const email = normalizeEmail(request.email);
  const adminEmail = getEnv().ADMIN_EMAIL;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_UP_LOCK_KEY})`);
    if (await findUserByEmail({ db: tx, email })) {
      throw new ApiError("conflict", "An account with this e-mail address already exists: sign in instead.");
    }
    const isFirst = (await countAccounts({ db: tx })) === 0;
    const role: Role = isFirst || (adminEmail !== undefined && normalizeEmail(adminEmail) === email) ? "admin" : "user";
    const values = { email, name: request.name ?? null, passwordHash, role, plan: role === "admin" ? "pro" : "free" } as const;
    if (guestId) {
      const converted = await convertGuestToAccount({ db: tx, guestId, values });
      if (converted) return converted;
    }
    return insertUser({ db: tx, values: { ...values, githubId: null, expiresAt: null } });
  });
}
