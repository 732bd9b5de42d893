import { describe, expect, it } from "vitest";
import { TenantSlots } from "./tenant-slots";

describe("TenantSlots", () => {
  it("lets one tenant hold at most its share while another still gets a slot, and frees slots on release", () => {
    const slots = new TenantSlots(() => 1);
    expect(slots.tryAcquire("tarpit-owner")).toBe(true);
    expect(slots.tryAcquire("tarpit-owner")).toBe(false);
    expect(slots.tryAcquire("other-tenant")).toBe(true);
    slots.release("tarpit-owner");
    expect(slots.count("tarpit-owner")).toBe(0);
    expect(slots.tryAcquire("tarpit-owner")).toBe(true);
  });
});
