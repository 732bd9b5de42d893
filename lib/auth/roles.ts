/**
 * Who a caller is allowed to be, and what each kind of caller may do. Scopes are the unit of
 * permission everywhere: a browser session carries the scopes of its role, an API key the scopes it
 * was created with (never more than its owner's role allows).
 */

export const SCOPES = ["analyze", "safety", "history", "batch", "benchmarks:run", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export const scopeDescriptions: Record<Scope, string> = {
  analyze: "Image, document and language analysis, model comparison",
  safety: "Safety checks and red-team campaigns",
  history: "Read, download and delete your stored analyses (also allowed by `analyze`)",
  batch: "Batch jobs",
  "benchmarks:run": "Start model benchmark runs (admin accounts only)",
  admin: "Instance administration: every user's usage (admin accounts only)",
};

export const ROLES = ["guest", "user", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do, as data: a session gets these scopes, and a key may be given no others. */
export const scopesByRole: Record<Role, readonly Scope[]> = {
  guest: ["analyze", "safety", "history"],
  user: ["analyze", "safety", "history", "batch"],
  admin: SCOPES,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, scope: Scope): boolean {
  return scopesByRole[role].includes(scope);
}

/**
 * What an operation needs besides its `auth`: one scope, any one of several, or none (`null`: public probes,
 * and what the `auth` level alone decides, such as a session managing its own keys).
 */
export type ScopeRequirement = Scope | readonly Scope[] | null;

export function scopesOf(requirement: ScopeRequirement): readonly Scope[] {
  if (requirement === null) return [];
  return typeof requirement === "string" ? [requirement] : requirement;
}
