import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/client";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { observeRateLimitRejection } from "../metrics/observe";
import type { RateLimitCheck, RateLimitState } from "./consume-rate-limit";
import { limiterFor } from "./process-limiters";
import { isPlanName, resolvePlans, type Plan, type PlanName } from "./plans";
import { rateLimitHeaders, retryAfterSeconds } from "./rate-limit-headers";

/**
 * The limits that apply to a caller: the per-minute policy counts each credential on its own (an
 * API key, a session, a guest, an anonymous address), the daily quota counts the whole account; a
 * guest's calls also count against its address (the guests of one address share the anonymous plan).
 */
export function planOf(principal: Principal): PlanName {
  if (principal.kind === "anonymous") return "anonymous";
  return isPlanName(principal.user.plan) ? principal.user.plan : "free";
}

export function rateLimitChecks(principal: Principal, plan: Plan): RateLimitCheck[] {
  if (principal.kind === "anonymous") {
    const subject = `ip:${principal.clientAddress}`;
    return [
      { subject, name: "minute", policy: plan.minute },
      { subject, name: "day", policy: plan.day },
    ];
  }
  const credential = principal.kind === "key" ? `key:${principal.key.id}` : `user:${principal.user.id}`;
  const checks = [
    { subject: credential, name: "minute", policy: plan.minute },
    { subject: `account:${principal.user.id}`, name: "day", policy: plan.day },
  ];
  // A fresh guest is a fresh quota: all guests from one address together get no more than the anonymous plan.
  if (principal.kind === "session" && principal.user.role === "guest") {
    const anonymous = resolvePlans(getEnv().RATE_LIMITS).anonymous;
    const subject = `guests:${principal.clientAddress}`;
    checks.push({ subject, name: "address-minute", policy: anonymous.minute }, { subject, name: "address-day", policy: anonymous.day });
  }
  return checks;
}

/**
 * Counts the call in this process's limiter (synced-limiter.ts: in memory, synchronised with the
 * shared counters within a bounded drift); throws 429 (with Retry-After and the RateLimit headers) when a policy is exceeded. */
export async function limitCaller({ db, principal, cost }: { db: Database; principal: Principal; cost: number }): Promise<Record<string, string>> {
  const plan = resolvePlans(getEnv().RATE_LIMITS)[planOf(principal)];
  const states: RateLimitState[] = await limiterFor(db).consume({ checks: rateLimitChecks(principal, plan), cost });
  const headers = rateLimitHeaders(states);
  if (states.some((s) => s.exceeded)) {
    const exceeded = states
      .filter((s) => s.exceeded)
      .map((s) => `${s.quota} requests per ${s.windowSeconds === 60 ? "minute" : s.windowSeconds === 86_400 ? "day" : `${s.windowSeconds} s`}`);
    const wait = retryAfterSeconds(states);
    observeRateLimitRejection({ plan: planOf(principal), caller: principal.kind });
    throw new ApiError("rate_limited", `Rate limit exceeded (${exceeded.join(", ")} on the ${planOf(principal)} plan). Try again in ${wait} s.`, {
      headers: { ...headers, "retry-after": String(wait) },
    });
  }
  return headers;
}
