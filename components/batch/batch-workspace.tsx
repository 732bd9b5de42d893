"use client";

import { useState } from "react";
import { Card, CardTitle } from "@/components/ui/card";
import { BatchDetail } from "./batch-detail";
import { BatchList } from "./batch-list";
import { BatchSubmitForm } from "./batch-submit-form";
import { WebhookSecretCard } from "./webhook-secret-card";

/** The /batch page's client part: submit, the list with live progress, the chosen batch, the secret. */
export function BatchWorkspace() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <Card>
        <CardTitle>New batch</CardTitle>
        <div className="mt-3">
          <BatchSubmitForm onQueued={setSelected} />
        </div>
      </Card>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <h2 className="text-lg font-semibold">Your batches</h2>
          <BatchList selected={selected} onSelect={setSelected} />
        </div>
        <div>{selected ? <BatchDetail id={selected} /> : <p className="text-sm text-slate-600">Pick a batch to see its items and webhook deliveries.</p>}</div>
      </div>
      <WebhookSecretCard />
    </div>
  );
}
