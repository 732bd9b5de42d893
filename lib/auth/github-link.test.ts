import { describe, expect, it } from "vitest";
import { decideGithubLink, githubVerifiedEmails } from "./github-link";

const account = { id: "00000000-0000-4000-8000-000000000001", githubId: null };

describe("decideGithubLink", () => {
  it("signs in the account already linked to this GitHub id", () => {
    expect(decideGithubLink({ linked: { id: "linked" }, sameEmail: account, email: "a@example.test", emailVerified: false })).toEqual({
      kind: "signed-in",
      userId: "linked",
    });
  });

  it("links an existing account only when GitHub verified the e-mail and the account has no other GitHub id", () => {
    expect(decideGithubLink({ linked: undefined, sameEmail: account, email: "a@example.test", emailVerified: true })).toEqual({
      kind: "link",
      userId: account.id,
    });
    // Pre-hijacking: a GitHub account carrying someone's address without having verified it.
    expect(decideGithubLink({ linked: undefined, sameEmail: account, email: "a@example.test", emailVerified: false })).toEqual({
      kind: "refuse",
      reason: "email-not-verified",
    });
    expect(decideGithubLink({ linked: undefined, sameEmail: { ...account, githubId: "999" }, email: "a@example.test", emailVerified: true })).toEqual({
      kind: "refuse",
      reason: "linked-to-other-github",
    });
  });

  it("creates an account that keeps the e-mail only when it is verified", () => {
    expect(decideGithubLink({ linked: undefined, sameEmail: undefined, email: "new@example.test", emailVerified: true })).toEqual({
      kind: "create",
      email: "new@example.test",
    });
    expect(decideGithubLink({ linked: undefined, sameEmail: undefined, email: "new@example.test", emailVerified: false })).toEqual({
      kind: "create",
      email: null,
    });
  });
});

describe("githubVerifiedEmails", () => {
  it("keeps only the e-mails GitHub marks verified, and none when the call fails", async () => {
    const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    const listed = [
      { email: "Verified@Example.test", verified: true, primary: true },
      { email: "unverified@example.test", verified: false, primary: false },
    ];
    expect([...(await githubVerifiedEmails("token", answer(200, listed)))]).toEqual(["verified@example.test"]);
    expect((await githubVerifiedEmails("token", answer(401, { message: "Bad credentials" }))).size).toBe(0);
    expect((await githubVerifiedEmails(undefined, answer(200, listed))).size).toBe(0);
    const failing = (async () => {
      throw new Error("network down");
    }) as unknown as typeof fetch;
    expect((await githubVerifiedEmails("token", failing)).size).toBe(0);
  });
});
