import type { RateLimitState } from "./consume-rate-limit";

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` lists
 * every policy (quota `q`, window `w` in seconds); `RateLimit` gives, per policy, the remaining
 * requests `r` and the seconds `t` until the window resets.
 */
export function rateLimitHeaders(states: readonly RateLimitState[]): Record<string, string> {
  if (states.length === 0) return {};
  return {
    "ratelimit-policy": states.map((s) => `"${s.name}";q=${s.quota};w=${s.windowSeconds}`).join(", "),
    ratelimit: states.map((s) => `"${s.name}";r=${s.remaining};t=${s.resetSeconds}`).join(", "),
  };
}

/** For a 429: wait until the longest-waiting exceeded window resets. */
export function retryAfterSeconds(states: readonly RateLimitState[]): number {
  return Math.max(1, ...states.filter((s) => s.exceeded).map((s) => s.resetSeconds));
}
