import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import { insertAnalysis, listAnalyses } from "../db/queries/analyses";
import { findUserByEmail } from "../db/queries/users";
import { users } from "../db/schema";
import { resetEnvForTests } from "../env";
import { createGuest } from "./guests";
import { verifyPassword } from "./passwords";
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

  it.skipIf(target.skipReason)("makes the first account admin even when two sign up at once, then users; ADMIN_EMAIL is admin too", async () => {
    const [a, b] = await Promise.all([
      signUp({ db: handle.db, request: { email: "First@Example.test", password: "correct horse battery" } }),
      signUp({ db: handle.db, request: { email: "second@example.test", password: "correct horse battery" } }),
    ]);
    expect([a.role, b.role].sort()).toEqual(["admin", "user"]);
    expect(a.email).toBe("first@example.test");
    process.env.ADMIN_EMAIL = "Ops@Example.test";
    resetEnvForTests();
    expect((await signUp({ db: handle.db, request: { email: "ops@example.test", password: "correct horse battery" } })).role).toBe("admin");
    expect((await signUp({ db: handle.db, request: { email: "third@example.test", password: "correct horse battery" } })).role).toBe("user");
  });

  it.skipIf(target.skipReason)("stores an argon2id hash, never the password, and refuses a second account for one e-mail", async () => {
    const user = await signUp({ db: handle.db, request: { email: "hash@example.test", password: "a long enough password", name: "H" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await handle.db.select().from(users))).not.toContain("a long enough password");
    expect(await verifyPassword(user.passwordHash, "a long enough password")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "a long enough passworD")).toBe(false);
    await expect(signUp({ db: handle.db, request: { email: "HASH@example.test", password: "another password!" } })).rejects.toMatchObject({ code: "conflict" });
  });

  it.skipIf(target.skipReason)("turns a guest into the account in place, so the guest's history stays theirs", async () => {
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
    const account = await signUp({ db: handle.db, request: { email: "was-guest@example.test", password: "correct horse battery" }, guestId: guest.id });
    expect(account.id).toBe(guest.id);
    expect(account).toMatchObject({ role: "user", plan: "free", expiresAt: null });
    expect((await listAnalyses({ db: handle.db, ownerId: account.id })).map((a) => a.title)).toEqual(["tried as a guest"]);
    // An account id passed as guestId is not taken over: a new account is made instead.
    const other = await signUp({ db: handle.db, request: { email: "not-a-takeover@example.test", password: "correct horse battery" }, guestId: account.id });
    expect(other.id).not.toBe(account.id);
    expect((await findUserByEmail({ db: handle.db, email: "was-guest@example.test" }))?.id).toBe(account.id);
    const [row] = await handle.db.select().from(users).where(eq(users.id, account.id));
    expect(row.email).toBe("was-guest@example.test");
  });
});
