import "server-only";
import { getToken } from "next-auth/jwt";
import { verifyApiKey, type VerifiedKey } from "./api-keys/verify-key";
import type { Database } from "../db/client";
import { findUserById } from "../db/queries/users";
import type { UserRow } from "../db/schema";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { ensureAuthSecret } from "./auth-secret";
import { TtlCache } from "../ttl-cache";
import { clientAddressOf, isSecureRequest } from "./client-address";
import type { Caller } from "./caller";
import { isRole, scopesByRole, type Role, type Scope } from "./roles";

/**
 * Who is calling: an API key (Authorization: Bearer), a browser session (next-auth's cookie; guests
 * included), or nobody. Read from the request alone, so route handlers can be called directly in
 * tests exactly as Next calls them.
 */

export type Principal =
  | { kind: "anonymous"; clientAddress: string; scopes: readonly Scope[] }
  | { kind: "session"; user: Caller; scopes: readonly Scope[]; clientAddress: string }
  | { kind: "key"; user: Caller; key: VerifiedKey["key"]; verified: VerifiedKey; scopes: readonly Scope[] };

export const SESSION_COOKIE = "authjs.session-token";
/** Its name for clients on HTTPS (lib/auth/auth-config.ts). */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

function callerFromRow(user: UserRow): Caller {
  return { id: user.id, role: isRole(user.role) ? user.role : "guest", plan: user.plan, email: user.email };
}

/** A key's scopes are what it was given, and never more than its owner's role allows today. */
export function effectiveKeyScopes(scopes: readonly string[], role: Role): Scope[] {
  return scopesByRole[role].filter((scope) => scopes.includes(scope));
}

const globalForUsers = globalThis as unknown as { insightSessionUsers?: TtlCache<UserRow | null> };
const sessionUsers = (globalForUsers.insightSessionUsers ??= new TtlCache<UserRow | null>(() => getEnv().API_KEY_CACHE_MS));

export function forgetCachedUser(id?: string): void {
  if (id) sessionUsers.delete(id);
  else sessionUsers.clear();
}

interface SessionToken {
  uid: string;
  /** The user's session version when the token was issued (tokens from before versions count as 0). */
  sv: number;
}

const globalForTokens = globalThis as unknown as { insightSessionTokens?: TtlCache<SessionToken | null> };
// Decrypting the session JWT (A256CBC-HS512 after an HKDF) is the costliest step of a session call;
// a decoded cookie is remembered for the same few seconds as a verified key.
const sessionTokens = (globalForTokens.insightSessionTokens ??= new TtlCache<SessionToken | null>(() => getEnv().API_KEY_CACHE_MS));

/** The user id and session version in a valid session cookie, or undefined. */
export async function sessionTokenOf(request: Request): Promise<SessionToken | undefined> {
  const cookie = request.headers.get("cookie");
  if (!cookie?.includes(SESSION_COOKIE)) return undefined;
  const secureCookie = isSecureRequest(request);
  const name = secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const raw = sessionCookieValue(cookie, name);
  if (!raw) return undefined;
  let session = sessionTokens.get(raw);
  if (session === undefined) {
    const token = await getToken({ req: { headers: { cookie } }, secret: ensureAuthSecret(), secureCookie, cookieName: name, salt: name }).catch(() => null);
    session = typeof token?.uid === "string" ? { uid: token.uid, sv: typeof token.sv === "number" ? token.sv : 0 } : null;
    sessionTokens.set(raw, session);
  }
  return session ?? undefined;
}

/** The user id in a valid session cookie, or undefined (the session version is not checked: see isLiveSession). */
export async function sessionUserId(request: Request): Promise<string | undefined> {
  return (await sessionTokenOf(request))?.uid;
}

/** A session is live while its user exists, has not expired (guests) and has not revoked it (session version). */
export function isLiveSession(row: UserRow | null | undefined, sessionVersion: number, now = new Date()): row is UserRow {
  return Boolean(row && !(row.expiresAt && row.expiresAt <= now) && row.sessionVersion === sessionVersion);
}

/** The session cookie's value (next-auth splits a large one into `name.0`, `name.1`, … chunks). */
function sessionCookieValue(cookieHeader: string, name: string): string | undefined {
  const parts = cookieHeader
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p.startsWith(`${name}=`) || p.startsWith(`${name}.`));
  return parts.length ? parts.sort().join(";") : undefined;
}

export async function resolvePrincipal({ db, request }: { db: Database; request: Request }): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) {
      throw new ApiError("unauthorized", "Send the API key as `Authorization: Bearer <key>`.", {
        headers: { "www-authenticate": 'Bearer realm="insight-engine"' },
      });
    }
    const verified = await verifyApiKey({ db, presented: match[1] });
    const user = callerFromRow(verified.owner);
    return { kind: "key", user, key: verified.key, verified, scopes: effectiveKeyScopes(verified.key.scopes, user.role) };
  }
  const session = await sessionTokenOf(request);
  if (session) {
    let row = sessionUsers.get(session.uid);
    if (row === undefined) {
      row = (await findUserById({ db, id: session.uid })) ?? null;
      sessionUsers.set(session.uid, row);
    }
    // A session whose user is gone (an expired guest, a deleted account) or that was revoked is no session.
    if (isLiveSession(row, session.sv)) {
      const user = callerFromRow(row);
      return { kind: "session", user, scopes: scopesByRole[user.role], clientAddress: clientAddressOf(request) };
    }
  }
  return { kind: "anonymous", clientAddress: clientAddressOf(request), scopes: [] };
}

/** The signed-in caller (routes that own data require auth, so there is one). */
export function callerOf(principal: Principal): Caller {
  if (principal.kind === "anonymous") throw new ApiError("unauthorized", "This endpoint needs authentication.");
  return principal.user;
}

/** The owner of what a signed-in caller creates or reads. */
export const ownerIdOf = (principal: Principal): string => callerOf(principal).id;
