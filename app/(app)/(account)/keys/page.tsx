import type { Metadata } from "next";
import { AccountRequired } from "@/components/account/account-required";
import { KeysManager } from "@/components/account/keys-manager";
import { currentUser } from "@/lib/auth/current-user";
import { scopeDescriptions, scopesByRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage() {
  const user = await currentUser();
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-slate-600">
          Call the REST API from your code with <code>Authorization: Bearer ie_…</code>. A key can do what its scopes allow, never more than your account;
          revoking one takes effect on every server within seconds.
        </p>
      </header>
      {user && user.role !== "guest" ? (
        <KeysManager grantable={scopesByRole[user.role].map((scope) => ({ scope, description: scopeDescriptions[scope] }))} />
      ) : (
        <AccountRequired what="API keys belong to an account." />
      )}
    </div>
  );
}
