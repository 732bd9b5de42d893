import { z } from "zod";

/**
 * Rate limits as data, per plan. Each plan has named policies (a quota of requests in a window);
 * every policy is counted for each credential (an API key, or the session) and the `day` policy
 * also for the account as a whole, so many keys cannot multiply a user's daily quota. Guests get
 * the tightest plan; anonymous callers of public routes are counted per client address.
 */

export const policySchema = z.object({
  quota: z.number().int().min(1),
  windowSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400 * 31),
});
export type RateLimitPolicy = z.infer<typeof policySchema>;

export const planSchema = z.object({ minute: policySchema, day: policySchema });
export type Plan = z.infer<typeof planSchema>;

export const PLAN_NAMES = ["anonymous", "guest", "free", "pro"] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export const defaultPlans: Record<PlanName, Plan> = {
  anonymous: { minute: { quota: 120, windowSeconds: 60 }, day: { quota: 20_000, windowSeconds: 86_400 } },
  guest: { minute: { quota: 10, windowSeconds: 60 }, day: { quota: 100, windowSeconds: 86_400 } },
  free: { minute: { quota: 60, windowSeconds: 60 }, day: { quota: 5_000, windowSeconds: 86_400 } },
  pro: { minute: { quota: 600, windowSeconds: 60 }, day: { quota: 100_000, windowSeconds: 86_400 } },
};

/** `RATE_LIMITS` (JSON) may override any plan's policies, e.g. `{"free":{"minute":{"quota":5,"windowSeconds":60}}}`. */
export const planOverridesSchema = z.partialRecord(z.enum(PLAN_NAMES), planSchema.partial()).optional();
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

export function resolvePlans(overrides: PlanOverrides): Record<PlanName, Plan> {
  const plans = { ...defaultPlans };
  for (const [name, override] of Object.entries(overrides ?? {}) as [PlanName, Partial<Plan>][]) {
    plans[name] = { ...plans[name], ...override };
  }
  return plans;
}

export function isPlanName(value: string): value is PlanName {
  return (PLAN_NAMES as readonly string[]).includes(value);
}

/**
 * Limits on creating sessions and accounts, counted per client address (and, for sign-in, per
 * account+address) whoever the caller is. Each is a list of windows: a longer window with a higher
 * quota behind a short one makes the wait grow as the attempts go on (a minute, then an hour, then a
 * day). No limit counts an account alone, so nobody can lock another person out of their account.
 */
export const AUTH_LIMIT_NAMES = ["signInPerAccountAddress", "signInPerAddress", "signUpPerAddress", "guestPerAddress"] as const;
export type AuthLimitName = (typeof AUTH_LIMIT_NAMES)[number];

export const defaultAuthLimits: Record<AuthLimitName, RateLimitPolicy[]> = {
  // One person mistyping: 5 tries a minute; a guesser: at most 20 an hour, 50 a day per account from one address.
  signInPerAccountAddress: [
    { quota: 5, windowSeconds: 60 },
    { quota: 20, windowSeconds: 3_600 },
    { quota: 50, windowSeconds: 86_400 },
  ],
  // Spraying many accounts from one address: 30 a minute, 200 an hour.
  signInPerAddress: [
    { quota: 30, windowSeconds: 60 },
    { quota: 200, windowSeconds: 3_600 },
  ],
  signUpPerAddress: [
    { quota: 5, windowSeconds: 60 },
    { quota: 20, windowSeconds: 3_600 },
  ],
  // A guest is a users row and a fresh guest quota: 10 a minute, 30 an hour from one address.
  guestPerAddress: [
    { quota: 10, windowSeconds: 60 },
    { quota: 30, windowSeconds: 3_600 },
  ],
};

export const authLimitOverridesSchema = z.partialRecord(z.enum(AUTH_LIMIT_NAMES), z.array(policySchema).min(1).max(5)).optional();
export type AuthLimitOverrides = z.infer<typeof authLimitOverridesSchema>;

export function resolveAuthLimits(overrides: AuthLimitOverrides): Record<AuthLimitName, RateLimitPolicy[]> {
  return { ...defaultAuthLimits, ...overrides };
}
