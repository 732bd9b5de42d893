import "server-only";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { z } from "zod";
import { getDb } from "../db/client";
import { findUserByEmail, findUserByGithubId, insertUser, linkGithubAccount } from "../db/queries/users";
import { getEnv } from "../env";
import { ensureAuthSecret } from "./auth-secret";
import { createGuest } from "./guests";
import { verifyPassword } from "./passwords";

/**
 * next-auth v5: e-mail + password, guests, and GitHub OAuth when AUTH_GITHUB_ID/SECRET are set.
 * Sessions are JWTs in an HttpOnly cookie signed with the instance's secret (AUTH_SECRET, or the one
 * generated into DATA_DIR), passed explicitly. The token carries only the user id: role, plan and
 * whether the account still exists are read from the database on every request (lib/auth/principal).
 */

const credentialsSchema = z.object({ email: z.string().trim().max(254).min(3), password: z.string().min(1).max(256) });

export function githubSignInEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}

export function buildAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await findUserByEmail({ db: await getDb(), email: parsed.data.email });
        // verifyPassword takes as long for an unknown e-mail as for a wrong password.
        const valid = await verifyPassword(user?.passwordHash, parsed.data.password);
        return valid && user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
    Credentials({
      id: "guest",
      name: "Guest",
      credentials: {},
      async authorize() {
        const guest = await createGuest({ db: await getDb() });
        return { id: guest.id, name: guest.name };
      },
    }),
  ];
  if (githubSignInEnabled()) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));

  return {
    secret: ensureAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "github" && profile) {
          token.uid = await githubUserId(String(profile.id), typeof profile.email === "string" ? profile.email : null, profile.name ?? null);
        } else if (user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}

/** Our user for a GitHub account: the linked one, else the account with the same e-mail, else a new one. */
async function githubUserId(githubId: string, email: string | null, name: string | null): Promise<string> {
  const db = await getDb();
  const linked = await findUserByGithubId({ db, githubId });
  if (linked) return linked.id;
  const sameEmail = email ? await findUserByEmail({ db, email }) : undefined;
  if (sameEmail && sameEmail.role !== "guest") {
    await linkGithubAccount({ db, userId: sameEmail.id, githubId });
    return sameEmail.id;
  }
  const created = await insertUser({ db, values: { email, name, passwordHash: null, role: "user", plan: "free", githubId, expiresAt: null } });
  return created.id;
}
