/**
 * Whether this process has begun shutting down (kept on globalThis: every copy of this module Next
 * loads must agree). Readiness reads it first, so /api/ready answers 503 from the first moment.
 */

const globalForShutdown = globalThis as unknown as { insightShuttingDown?: { since: number; signal: string } };

export function markShuttingDown(signal: string): boolean {
  if (globalForShutdown.insightShuttingDown) return false;
  globalForShutdown.insightShuttingDown = { since: Date.now(), signal };
  return true;
}

export function shuttingDownSince(): { since: number; signal: string } | undefined {
  return globalForShutdown.insightShuttingDown;
}
