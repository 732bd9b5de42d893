import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { insertAnalysis, listAnalyses } from "../db/queries/analyses";
import { findUserByEmail } from "../db/queries/users";
import { users } from "../db/schema";
import { resetEnvForTests } from "../env";
import { createGuest } from "./guests";
import { makeAdmin } from "./make-admin";
import { median } from "../stats";
import { hashPassword, verifyPassword } from "./passwords";
import { signUp } from "./sign-up";

describe.each(databaseTargets)("signUp on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (target.skipReason) return;
    handle = await target.open();
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAIL;
    resetEnvForTests();
    await handle?.cleanup();
  });

  it.skipIf(target.skipReason)("makes no account admin by being first or by its e-mail; only makeAdmin (the operator's command) does", async () => {
    process.env.ADMIN_EMAIL = "first@example.test"; // the old way: must have no effect now
    resetEnvForTests();
    const [a, b] = await Promise.all([
      signUp({ db: handle.db, request: { email: "First@Example.test", password: "correct horse battery" }, clientAddress: "192.0.2.1" }),
      signUp({ db: handle.db, request: { email: "second@example.test", password: "correct horse battery" }, clientAddress: "192.0.2.2" }),
    ]);
    expect([a.role, b.role]).toEqual(["user", "user"]);
    expect([a.plan, b.plan]).toEqual(["free", "free"]);
    expect(a.email).toBe("first@example.test");
    expect(await makeAdmin({ db: handle.db, email: "nobody@example.test" })).toBeUndefined();
    const promoted = await makeAdmin({ db: handle.db, email: "SECOND@example.test" });
    expect(promoted).toMatchObject({ id: b.id, role: "admin", plan: "pro" });
    // A guest (no e-mail) can never be named.
    const guest = await createGuest({ db: handle.db });
    expect((await findUserByEmail({ db: handle.db, email: "first@example.test" }))?.role).toBe("user");
    expect(guest.role).toBe("guest");
  });

  it.skipIf(target.skipReason)("limits sign-ups per client address before hashing, and keeps addresses apart", async () => {
    const attempt = (i: number, clientAddress: string) =>
      signUp({ db: handle.db, request: { email: `limit-${clientAddress}-${i}@example.test`, password: "correct horse battery" }, clientAddress });
    for (let i = 0; i < 5; i++) await attempt(i, "198.51.100.7");
    // Refused before the argon2 hash would have run: the refusal costs less than one hash alone, measured alongside
    // (medians of 5 each, interleaved, so a loaded machine slows both sides alike).
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work().catch((error: unknown) => error);
      return performance.now() - started;
    };
    const refusals: number[] = [];
    const hashes: number[] = [];
    for (let i = 0; i < 5; i++) {
      hashes.push(await timed(() => hashPassword("correct horse battery")));
      refusals.push(await timed(() => attempt(5 + i, "198.51.100.7")));
    }
    await expect(attempt(10, "198.51.100.7")).rejects.toMatchObject({
      code: "rate_limited",
      extra: { headers: { "retry-after": expect.stringMatching(/^\d+$/) } },
    });
    expect(median(refusals)).toBeLessThan(median(hashes));
    expect(await findUserByEmail({ db: handle.db, email: "limit-198.51.100.7-5@example.test" })).toBeUndefined();
    expect((await attempt(0, "198.51.100.8")).role).toBe("user");
  });

  it.skipIf(target.skipReason)("stores an argon2id hash, never the password, and refuses a second account for one e-mail", async () => {
    const user = await signUp({
      db: handle.db,
      request: { email: "hash@example.test", password: "a long enough password", name: "H" },
      clientAddress: "192.0.2.3",
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await handle.db.select().from(users))).not.toContain("a long enough password");
    expect(await verifyPassword(user.passwordHash, "a long enough password")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "a long enough passworD")).toBe(false);
    await expect(
      signUp({ db: handle.db, request: { email: "HASH@example.test", password: "another password!" }, clientAddress: "192.0.2.3" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it.skipIf(target.skipReason)("turns a guest into the account in place (history stays) with a new session version (the guest's session ends)", async () => {
    const guest = await createGuest({ db: handle.db });
    await insertAnalysis({
      db: handle.db,
      values: {
        ownerId: guest.id,
        kind: "safety",
        title: "tried as a guest",
        request: {},
        result: { ok: true },
        resultBytes: 11,
        imageBytes: null,
        imageType: null,
      },
    });
    const account = await signUp({
      db: handle.db,
      request: { email: "was-guest@example.test", password: "correct horse battery" },
      guestId: guest.id,
      clientAddress: "192.0.2.9",
    });
    expect(account.id).toBe(guest.id);
    expect(account.sessionVersion).toBe(guest.sessionVersion + 1);
    expect(account).toMatchObject({ role: "user", plan: "free", expiresAt: null });
    expect((await listAnalyses({ db: handle.db, ownerId: account.id })).map((a) => a.title)).toEqual(["tried as a guest"]);
    // An account id passed as guestId is not taken over: a new account is made instead.
    const other = await signUp({
      db: handle.db,
      request: { email: "not-a-takeover@example.test", password: "correct horse battery" },
      guestId: account.id,
      clientAddress: "192.0.2.9",
    });
    expect(other.id).not.toBe(account.id);
    expect((await findUserByEmail({ db: handle.db, email: "was-guest@example.test" }))?.id).toBe(account.id);
    const [row] = await handle.db.select().from(users).where(eq(users.id, account.id));
    expect(row.email).toBe("was-guest@example.test");
  });
});
