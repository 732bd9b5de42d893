import type { Metadata } from "next";
import { AccountRequired } from "@/components/account/account-required";
import { RedTeamPanel } from "@/components/safety/red-team-panel";
import { currentUser } from "@/lib/auth/current-user";
import { SafetyPlayground } from "@/components/safety/safety-playground";

export const metadata: Metadata = { title: "Safety" };

export default async function SafetyPage() {
  const user = await currentUser();
  return (
    <div className="space-y-10">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Safety checks and red-team lab</h1>
        <p className="text-slate-600">
          Check a prompt or an image for prompt injection and jailbreaks, personal data, explicit content and instructions hidden in the image&apos;s text. The
          text is normalised first (lookalike letters, invisible characters, leetspeak, embedded base64/hex/rot13), then scored by attack signatures and a
          learned classifier; the evidence shows why. The same check is available at <code>POST /api/v1/evaluate/safety</code>.
        </p>
      </header>
      <SafetyPlayground />
      <section className="space-y-3" aria-labelledby="red-team-heading">
        <h2 id="red-team-heading" className="text-xl font-semibold">
          Red-team lab
        </h2>
        <p className="max-w-3xl text-slate-600">
          Seed attacks from every family are rewritten by mutators — encodings, lookalike letters, invisible characters, payload splitting, role-play wrappers,
          translation, casing and spacing noise, leetspeak — and each variant goes through the detector. Reports are stored;{" "}
          <code>POST /api/v1/evaluate/red-team</code> starts one from code.
        </p>
        {user && user.role !== "guest" ? (
          <RedTeamPanel />
        ) : (
          <AccountRequired what="Campaigns keep the server busy for about a minute, so they are for accounts: each account sees its own reports." />
        )}
      </section>
    </div>
  );
}
