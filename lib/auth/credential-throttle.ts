import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { rateLimitCounters } from "../db/schema";
import { getEnv } from "../env";
import { ApiError, problemResponse } from "../errors";
import { consumeRateLimit, type RateLimitCheck } from "../rate-limit/consume-rate-limit";
import { type AuthLimitName, resolveAuthLimits } from "../rate-limit/plans";
import { retryAfterSeconds } from "../rate-limit/rate-limit-headers";

/**
 * Limits on the ways in: password sign-in (next-auth's credentials callback and the sign-in server
 * action both end in the same `authorize`), sign-up, and guest creation. Counted in the database's
 * rate-limit counters before any password is hashed, so a refused guess costs no argon2 time and every
 * instance on one PostgreSQL shares the counts. Sign-in counts per account+address and per address,
 * never per account alone: a stranger guessing from elsewhere cannot lock the owner out.
 *
 * next-auth answers a refused `authorize` as any wrong password (a redirect to the sign-in page); the
 * route and the actions run next-auth inside `runCountingRefusals` to turn a throttled attempt into
 * 429 + Retry-After (or the form's message) instead.
 */

export interface ThrottleRefusal {
  retryAfterSeconds: number;
  what: string;
}

const refusals = new AsyncLocalStorage<{ refusal?: ThrottleRefusal }>();

/** Runs `work`; returns what it returned or threw, and the throttle refusal met inside it, if any. */
export async function runCountingRefusals<T>(work: () => Promise<T>): Promise<{ refusal?: ThrottleRefusal; outcome: () => T }> {
  const scope: { refusal?: ThrottleRefusal } = {};
  try {
    const value = await refusals.run(scope, work);
    return { refusal: scope.refusal, outcome: () => value };
  } catch (error) {
    return {
      refusal: scope.refusal,
      outcome: () => {
        throw error;
      },
    };
  }
}

/** Counter subjects stay short whatever was typed: the e-mail is hashed. */
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

function checksFor(name: AuthLimitName, subject: string): RateLimitCheck[] {
  return resolveAuthLimits(getEnv().AUTH_LIMITS)[name].map((policy) => ({ subject, name: `${name}:${policy.windowSeconds}`, policy }));
}

const WHAT: Record<AuthLimitName, string> = {
  signInPerAccountAddress: "sign-in attempts for this account from your address",
  signInPerAddress: "sign-in attempts from your address",
  signUpPerAddress: "sign-ups from your address",
  guestPerAddress: "guest sessions started from your address",
};

/**
 * Counts one attempt against each limit; throws a 429 ApiError (and records the refusal for
 * `runCountingRefusals`) when any is exceeded.
 */
export async function countAttempt({ db, limits }: { db: Database; limits: { name: AuthLimitName; subject: string }[] }): Promise<void> {
  const checks = limits.flatMap(({ name, subject }) => checksFor(name, subject));
  const states = await consumeRateLimit({ db, checks });
  const exceeded = states.map((state, i) => ({ state, check: checks[i] })).filter(({ state }) => state.exceeded);
  if (exceeded.length === 0) return;
  const wait = retryAfterSeconds(states);
  const name = exceeded[0].check.name.split(":")[0] as AuthLimitName;
  const refusal = { retryAfterSeconds: wait, what: WHAT[name] };
  const scope = refusals.getStore();
  if (scope) scope.refusal = refusal;
  throw new ApiError("rate_limited", throttledMessage(refusal), { headers: { "retry-after": String(wait) } });
}

export function throttledMessage(refusal: ThrottleRefusal): string {
  return `Too many ${refusal.what}: try again in ${refusal.retryAfterSeconds} s.`;
}

export const signInLimits = (email: string, address: string) => [
  { name: "signInPerAccountAddress" as const, subject: `signin:${digest(email.trim().toLowerCase())}:${address}` },
  { name: "signInPerAddress" as const, subject: `signin:${address}` },
];

export const signUpLimits = (address: string) => [{ name: "signUpPerAddress" as const, subject: `signup:${address}` }];

export const guestLimits = (address: string) => [{ name: "guestPerAddress" as const, subject: `guest:${address}` }];

/** After a correct password, the account+address count starts again (a person who mistyped twice is not held back later). */
export async function forgetSignInFailures({ db, email, address }: { db: Database; email: string; address: string }): Promise<void> {
  const [perAccount] = signInLimits(email, address);
  await db.delete(rateLimitCounters).where(eq(rateLimitCounters.subject, perAccount.subject));
}

/** The 429 answer for a refusal met outside withApi (next-auth's routes). */
export function throttledResponse(refusal: ThrottleRefusal): Response {
  return problemResponse(new ApiError("rate_limited", throttledMessage(refusal), { headers: { "retry-after": String(refusal.retryAfterSeconds) } }));
}
