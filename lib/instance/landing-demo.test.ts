import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit";
import { forgetLandingDemo, getLandingDemo } from "./landing-demo";

// The demo runs the models only for a visit its address may still spend a run on: an address that has
// used up its runs in the window is told so (and nothing runs), without an error.
describe("getLandingDemo", () => {
  it("refuses a run to an address over its limit, saying when to come back", async () => {
    forgetLandingDemo();
    const db = await getDb();
    const clientAddress = "203.0.113.7";
    await consumeRateLimit({ db, checks: [{ subject: `demo:${clientAddress}`, name: "demo", policy: { quota: 5, windowSeconds: 600 } }], cost: 5 });
    const demo = await getLandingDemo({ clientAddress });
    expect(demo).toEqual({
      available: false,
      reason: expect.stringMatching(/^The demo has run the models for this address often enough; try again in \d+ s\.$/),
    });
  });
});
