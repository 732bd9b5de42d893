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
