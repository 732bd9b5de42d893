import type { Scope } from "../auth/roles";

/**
 * The scope that reaches each kind of job: the one that may start it. A key made for safety checks sees
 * its red-team campaigns, not the batches (with their uploads) of the same account.
 */
const scopeOfKind: Record<string, Scope> = {
  batch: "batch",
  "red-team": "safety",
  benchmark: "benchmarks:run",
  variant: "benchmarks:run",
  "safety-benchmark": "benchmarks:run",
};

/** Any one of these lets a caller list jobs (of the kinds it reaches). */
export const JOB_SCOPES = ["batch", "safety", "benchmarks:run"] as const satisfies readonly Scope[];

/** The job kinds the caller's scopes reach; a kind not listed above needs `admin`. */
export function jobKindsFor(scopes: readonly Scope[]): string[] {
  return Object.entries(scopeOfKind)
    .filter(([, scope]) => scopes.includes(scope) || scopes.includes("admin"))
    .map(([kind]) => kind);
}

export function mayReadJobKind(scopes: readonly Scope[], kind: string): boolean {
  const scope = scopeOfKind[kind] ?? "admin";
  return scopes.includes(scope) || scopes.includes("admin");
}
