import type { Metadata } from "next";
import { AccountRequired } from "@/components/account/account-required";
import { UsageView } from "@/components/usage/usage-view";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  const user = await currentUser();
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Usage</h1>
        <p className="text-slate-600">Every call to the API from your keys and your browser session: how many, how fast, how many failed.</p>
      </header>
      {user && user.role !== "guest" ? <UsageView scope="own" /> : <AccountRequired what="Usage figures belong to an account." />}
    </div>
  );
}
