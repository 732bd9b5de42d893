/**
 * How many webhook attempts each tenant (the delivery's owner) has in flight in this process. The delivery
 * workers are few (4 per process) and an attempt may last its whole deadline against a slow receiver: one
 * tenant's tarpit receiver with `webhook_per_item` would otherwise hold all of them and starve every other
 * tenant's deliveries. A tenant at its limit has its next attempt put back on the queue a little later
 * (lib/jobs/webhooks/deliver-webhook.ts), without counting as a failed attempt.
 */
export class TenantSlots {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly perTenant: () => number) {}

  /** Takes a slot for the tenant, or answers false when it has as many attempts in flight as it may. */
  tryAcquire(tenant: string): boolean {
    const current = this.inFlight.get(tenant) ?? 0;
    if (current >= this.perTenant()) return false;
    this.inFlight.set(tenant, current + 1);
    return true;
  }

  release(tenant: string): void {
    const current = this.inFlight.get(tenant) ?? 0;
    if (current <= 1) this.inFlight.delete(tenant);
    else this.inFlight.set(tenant, current - 1);
  }

  count(tenant: string): number {
    return this.inFlight.get(tenant) ?? 0;
  }
}
