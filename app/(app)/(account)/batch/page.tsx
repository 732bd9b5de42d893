import type { Metadata } from "next";
import { AccountRequired } from "@/components/account/account-required";
import { BatchWorkspace } from "@/components/batch/batch-workspace";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Batch" };

export default async function BatchPage() {
  const user = await currentUser();
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Batch processing</h1>
        <p className="text-slate-600">
          Queue many documents or images at once; they are worked through in the background (by every worker on this database) and each gets the answer the
          single endpoint would give. Give a callback URL to be told when a batch is finished — by a signed webhook, retried until your receiver takes it. The
          same is <code>POST /api/v1/batch/process</code>.
        </p>
      </header>
      {user && user.role !== "guest" ? <BatchWorkspace /> : <AccountRequired what="Batches belong to an account." />}
    </div>
  );
}
