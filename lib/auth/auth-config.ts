import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { z } from "zod";
import { getDb } from "../db/client";
import { findUserByEmail, findUserByGithubId, findUserById, insertUser, linkGithubAccount, revokeSessions } from "../db/queries/users";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { clientAddressOf } from "./client-address";
import { countAttempt, forgetSignInFailures, guestLimits, signInLimits } from "./credential-throttle";
import { decideGithubLink, type GithubRefusal, githubVerifiedEmails } from "./github-link";
import { ensureAuthSecret } from "./auth-secret";
import { createGuest } from "./guests";
import { verifyPassword } from "./passwords";
import { forgetCachedUser, SECURE_SESSION_COOKIE } from "./principal";

/**
 * next-auth v5: e-mail + password, guests, and GitHub OAuth when AUTH_GITHUB_ID/SECRET are set.
 * Sessions are JWTs in an HttpOnly cookie signed with the instance's secret (AUTH_SECRET, or the one
 * generated into DATA_DIR), passed explicitly. The token carries the user id, a fresh session id and
 * the user's session version at sign-in: role, plan, whether the account still exists and whether the
 * version is still current (sign-out and a guest's sign-up raise it) are read from the database on
 * every request (lib/auth/principal, lib/auth/current-user).
 */

const credentialsSchema = z.object({ email: z.string().trim().max(254).min(3), password: z.string().min(1).max(256) });

/** A throttled attempt: next-auth answers it as a failed sign-in; the routes turn it into 429 (credential-throttle.ts). */
class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export function githubSignInEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}

/** Throttle errors become next-auth's failed sign-in; everything else stays what it is. */
async function throttled(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError && error.code === "rate_limited") throw new ThrottledSignIn();
    throw error;
  }
}

/**
 * `secure`: the client reached us over HTTPS (lib/auth/client-address.ts). The session cookie is then
 * `__Host-authjs.session-token`: Secure, Path=/ and no Domain, so neither plain HTTP nor a sibling
 * subdomain can set or overwrite it (a planted cookie is how session fixation starts).
 */
export function buildAuthConfig({ secure = false }: { secure?: boolean } = {}): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = await getDb();
        const address = clientAddressOf(request);
        // Counted before the hash: a refused guess costs no argon2 time.
        await throttled(() => countAttempt({ db, limits: signInLimits(parsed.data.email, address) }));
        const user = await findUserByEmail({ db, email: parsed.data.email });
        // verifyPassword takes as long for an unknown e-mail as for a wrong password.
        const valid = await verifyPassword(user?.passwordHash, parsed.data.password);
        if (!valid || !user) return null;
        await forgetSignInFailures({ db, email: parsed.data.email, address });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    Credentials({
      id: "guest",
      name: "Guest",
      credentials: {},
      async authorize(_raw, request) {
        const db = await getDb();
        await throttled(() => countAttempt({ db, limits: guestLimits(clientAddressOf(request)) }));
        const guest = await createGuest({ db });
        return { id: guest.id, name: guest.name };
      },
    }),
  ];
  if (githubSignInEnabled()) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));

  return {
    secret: ensureAuthSecret(),
    trustHost: true,
    useSecureCookies: secure,
    cookies: secure ? { sessionToken: { name: SECURE_SESSION_COOKIE, options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } } } : undefined,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github" || !profile) return true;
        const resolved = await githubUserId(
          String(profile.id),
          typeof profile.email === "string" ? profile.email : null,
          profile.name ?? null,
          account.access_token,
        );
        if (resolved.refused) return `/signin?error=github-${resolved.refused}`;
        // Carried to the jwt callback below, which receives this same user object.
        user.id = resolved.userId;
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) {
          // A sign-in: a new session, whatever cookie the browser had before.
          const row = await findUserById({ db: await getDb(), id: user.id });
          token.uid = user.id;
          token.sid = randomUUID();
          token.sv = row?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        (session as { sessionVersion?: number }).sessionVersion = typeof token.sv === "number" ? token.sv : 0;
        return session;
      },
    },
    events: {
      // Signing out ends every session of the account (a copied cookie included), not just this browser's.
      async signOut(message) {
        const uid = "token" in message ? message.token?.uid : undefined;
        if (typeof uid !== "string") return;
        await revokeSessions({ db: await getDb(), userId: uid });
        forgetCachedUser(uid);
      },
    },
  };
}

/** Our user for a GitHub account (lib/auth/github-link.ts decides), or the refusal's message. */
async function githubUserId(
  githubId: string,
  email: string | null,
  name: string | null,
  accessToken: string | undefined,
): Promise<{ userId: string; refused?: undefined } | { refused: GithubRefusal; userId?: undefined }> {
  const db = await getDb();
  const linked = await findUserByGithubId({ db, githubId });
  const sameEmail = !linked && email ? await findUserByEmail({ db, email }) : undefined;
  const emailVerified = !linked && email ? (await githubVerifiedEmails(accessToken)).has(email.toLowerCase()) : false;
  const decision = decideGithubLink({ linked, sameEmail, email, emailVerified });
  switch (decision.kind) {
    case "signed-in":
      return { userId: decision.userId };
    case "link":
      await linkGithubAccount({ db, userId: decision.userId, githubId });
      return { userId: decision.userId };
    case "create": {
      const created = await insertUser({
        db,
        values: { email: decision.email, name, passwordHash: null, role: "user", plan: "free", githubId, expiresAt: null },
      });
      return { userId: created.id };
    }
    case "refuse":
      return { refused: decision.reason };
  }
}
