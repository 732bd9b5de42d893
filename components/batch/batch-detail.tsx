"use client";

import { JobProgress } from "@/components/jobs/job-progress";
import { ProblemMessage } from "@/components/problem-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useBatch, useCancelBatch } from "@/lib/api-client/use-batches";
import { itemSummary } from "./item-summary";

/** One batch: live progress, every item's outcome, the webhook delivery log, and cancel. */
export function BatchDetail({ id }: { id: string }) {
  const batch = useBatch(id);
  const cancel = useCancelBatch();
  if (batch.error) return <ProblemMessage problem={batch.error} />;
  if (!batch.data) return <p className="text-sm text-slate-600">Loading the batch…</p>;
  const b = batch.data;
  const live = b.status === "queued" || b.status === "running";
  return (
    <Card className="space-y-4" data-testid="batch-detail">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <CardTitle>{b.title}</CardTitle>
          <p className="text-xs text-slate-500">
            <code>{b.status_url}</code> · created {b.created_at.slice(0, 19).replace("T", " ")} UTC
          </p>
        </div>
        {live && (
          <Button type="button" variant="secondary" onClick={() => cancel.mutate(b.id)} disabled={cancel.isPending} data-testid="batch-cancel">
            Cancel the rest
          </Button>
        )}
      </div>
      <JobProgress progress={{ status: b.status, ...b.progress }} label="batch progress" />
      {cancel.error && <ProblemMessage problem={cancel.error} />}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="batch-items">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">#</th>
              <th className="py-1 pr-3 font-medium">task</th>
              <th className="py-1 pr-3 font-medium">status</th>
              <th className="py-1 font-medium">answer</th>
            </tr>
          </thead>
          <tbody>
            {b.items.map((item) => (
              <tr key={item.position} className="border-t border-slate-100" data-testid="batch-item" data-status={item.status}>
                <td className="py-1 pr-3 tabular-nums">{item.position + 1}</td>
                <td className="py-1 pr-3">{item.task}</td>
                <td className="py-1 pr-3">
                  <Badge>{item.status}</Badge>
                  {item.attempts > 1 && <span className="ml-1 text-xs text-slate-500">({item.attempts} attempts)</span>}
                </td>
                <td className="py-1">
                  {item.status === "done" && itemSummary(item.task, item.result)}
                  {item.status === "failed" && <span className="text-rose-800">{String((item.error as { detail?: string } | null)?.detail ?? "failed")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {b.callback_url && (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Webhook deliveries to {b.callback_url}</h3>
          {b.deliveries.length === 0 && <p className="text-sm text-slate-600">None yet: the completion webhook is sent when the last item finishes.</p>}
          <ul className="space-y-1 text-sm" data-testid="batch-deliveries">
            {b.deliveries.map((d) => (
              <li key={d.id}>
                <code className="text-xs">{d.id}</code> {d.event_type} — <Badge>{d.status}</Badge>{" "}
                {d.attempts.map((a) => `#${a.attempt} ${a.status_code ?? a.error} (${a.duration_ms} ms)`).join(", ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
