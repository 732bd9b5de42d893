"use client";

import { useState } from "react";
import { ProblemMessage } from "@/components/problem-message";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useRotateWebhookSecret, useWebhookSecret } from "@/lib/api-client/use-batches";

/** The account's webhook signing secret: hidden until asked, rotatable. */
export function WebhookSecretCard() {
  const [shown, setShown] = useState(false);
  const secret = useWebhookSecret(shown);
  const rotate = useRotateWebhookSecret();
  return (
    <Card className="space-y-2">
      <CardTitle>Webhook signing secret</CardTitle>
      <p className="text-sm text-slate-600">
        Every webhook carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (Standard Webhooks, HMAC-SHA256).
        Verify them with this secret, e.g. <code>new Webhook(secret).verify(body, headers)</code> from the <code>standardwebhooks</code> package.
      </p>
      {shown && secret.data && (
        <code className="block break-all rounded bg-slate-50 p-2 text-sm" data-testid="webhook-secret">
          {secret.data.secret}
        </code>
      )}
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Show secret"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => rotate.mutate(undefined, { onSuccess: () => setShown(true) })} disabled={rotate.isPending}>
          Rotate
        </Button>
      </div>
      {(secret.error || rotate.error) && <ProblemMessage problem={(secret.error ?? rotate.error)!} />}
    </Card>
  );
}
