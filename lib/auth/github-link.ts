import type { UserRow } from "../db/schema";

/**
 * Which of our accounts a GitHub sign-in is, decided before anything is written. An account that
 * already exists is joined only when GitHub says the e-mail is verified and the account has no other
 * GitHub id: otherwise whoever controls a GitHub account with an unverified copy of someone's address
 * would sign in as them (account pre-hijacking), or take over an account already linked elsewhere.
 */
export type GithubLinkDecision =
  | { kind: "signed-in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "create"; email: string | null }
  | { kind: "refuse"; reason: "email-not-verified" | "linked-to-other-github" };

export function decideGithubLink({
  linked,
  sameEmail,
  email,
  emailVerified,
}: {
  /** The account already linked to this GitHub id. */
  linked: Pick<UserRow, "id"> | undefined;
  /** The account with the e-mail GitHub gave (lower-cased match). */
  sameEmail: Pick<UserRow, "id" | "githubId"> | undefined;
  email: string | null;
  /** Whether GitHub lists that e-mail as verified for this GitHub account. */
  emailVerified: boolean;
}): GithubLinkDecision {
  if (linked) return { kind: "signed-in", userId: linked.id };
  if (sameEmail) {
    if (sameEmail.githubId) return { kind: "refuse", reason: "linked-to-other-github" };
    if (!emailVerified) return { kind: "refuse", reason: "email-not-verified" };
    return { kind: "link", userId: sameEmail.id };
  }
  // A new account keeps the e-mail only when GitHub verified it (an unverified one would squat the address).
  return { kind: "create", email: emailVerified ? email : null };
}

export type GithubRefusal = Extract<GithubLinkDecision, { kind: "refuse" }>["reason"];

/** What the sign-in page says for `?error=github-<reason>` (only these texts: the query never becomes page text). */
export const githubRefusalMessages: Record<GithubRefusal, string> = {
  "email-not-verified":
    "An account with this e-mail exists, but GitHub has not verified the e-mail for your GitHub account: verify it on GitHub, or sign in with your password.",
  "linked-to-other-github": "An account with this e-mail is already linked to another GitHub account: sign in with your password or that GitHub account.",
};

/** The e-mails GitHub has verified for the signed-in GitHub user (needs the `user:email` scope next-auth asks for). */
export async function githubVerifiedEmails(accessToken: string | undefined, fetchImpl: typeof fetch = fetch): Promise<Set<string>> {
  if (!accessToken) return new Set();
  try {
    const response = await fetchImpl("https://api.github.com/user/emails", {
      headers: { authorization: `Bearer ${accessToken}`, "user-agent": "insight-engine", accept: "application/vnd.github+json" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return new Set();
    const emails = (await response.json()) as { email?: unknown; verified?: unknown }[];
    return new Set(emails.filter((e) => e.verified === true && typeof e.email === "string").map((e) => (e.email as string).toLowerCase()));
  } catch {
    return new Set();
  }
}
