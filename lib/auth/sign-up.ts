import "server-only";
import { z } from "zod";
import type { Database } from "../db/client";
import { convertGuestToAccount, findUserByEmail, insertUser, normalizeEmail } from "../db/queries/users";
import type { UserRow } from "../db/schema";
import { ApiError } from "../errors";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./passwords";
import { countAttempt, signUpLimits } from "./credential-throttle";

export const signUpRequestSchema = z.strictObject({
  email: z.string().trim().max(254).email("must be an e-mail address"),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
  name: z.string().trim().min(1).max(100).optional(),
});
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/**
 * Creates an account, always as a user on the free plan: no account becomes admin by being first or
 * by its e-mail (nobody verifies e-mails here); an operator makes admins with `npm run admin`
 * (lib/auth/make-admin.ts). A guest who signs up keeps their id and so their work, but not their
 * session: the conversion raises the session version, so the guest cookie (and any copy of it planted
 * by someone else) stops working and the new account signs in afresh. Counted per client address
 * before the password is hashed.
 */
export async function signUp({
  db,
  request,
  guestId,
  clientAddress,
}: {
  db: Database;
  request: SignUpRequest;
  guestId?: string;
  clientAddress: string;
}): Promise<UserRow> {
  await countAttempt({ db, limits: signUpLimits(clientAddress) });
  const passwordHash = await hashPassword(request.password);
  const email = normalizeEmail(request.email);
  if (await findUserByEmail({ db, email })) {
    throw new ApiError("conflict", "An account with this e-mail address already exists: sign in instead.");
  }
  const values = { email, name: request.name ?? null, passwordHash, role: "user", plan: "free" } as const;
  try {
    if (guestId) {
      const converted = await convertGuestToAccount({ db, guestId, values });
      if (converted) return converted;
    }
    return await insertUser({ db, values: { ...values, githubId: null, expiresAt: null } });
  } catch (error) {
    // Two sign-ups for one e-mail at once: the unique index lets one through.
    if (isUniqueViolation(error)) throw new ApiError("conflict", "An account with this e-mail address already exists: sign in instead.");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
