import type { Metadata } from "next";
import { AccountRequired } from "@/components/account/account-required";
import { UsageView } from "@/components/usage/usage-view";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await currentUser();
  if (user?.role !== "admin") return <AccountRequired what="This page is for the instance's administrators." />;
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Instance usage</h1>
        <p className="text-slate-600">Every caller's use of this instance: by user, key and endpoint.</p>
      </header>
      <UsageView scope="all" />
    </div>
  );
}
