import "server-only";
import { resolvePrincipal } from "../auth/principal";
import { getDb } from "../db/client";
import { hasMonitoringToken } from "../metrics/scrape";
import type { ReadinessReport } from "./readiness";

/**
 * /api/ready answers anyone with its status only: a load balancer needs the status code, and the details
 * (database errors with the connection's host or folder, model files' paths, the inference backend's URL,
 * migration names) map the server for an attacker. The whole report is for an admin (session or key with
 * the `admin` scope) or a caller with the operator's monitoring token (METRICS_TOKEN).
 */

export async function mayReadReadinessDetails(request: Request): Promise<boolean> {
  if (hasMonitoringToken(request)) return true;
  if (!request.headers.get("authorization") && !request.headers.get("cookie")) return false;
  try {
    const principal = await resolvePrincipal({ db: await getDb(), request });
    return principal.scopes.includes("admin");
  } catch {
    // No database (the very thing readiness may be reporting) or a bad credential: the public answer.
    return false;
  }
}

/** The whole report for operators; the status alone (and whether it is shutting down) for everyone else. */
export function readinessBody(report: ReadinessReport, details: boolean): object {
  if (details) return report;
  return { ready: report.ready, ...(report.shuttingDown ? { shuttingDown: true } : {}) };
}
